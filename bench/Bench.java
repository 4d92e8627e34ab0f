import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BusManager's benchmark: starts the server jar with the shipped JVM flags, measures start-up time and
 * resident memory, seeds an office's data through the API (api.md), and runs fixed request mixes at several
 * connection counts. Prints a Markdown report for BENCHMARKS.md (also written to bench/results/).
 * Only 127.0.0.1 is ever contacted; every phase is bounded in time and count. Run from the repository:
 *
 *   $JAVA_HOME/bin/java bench/Bench.java [--trips 2000] [--sql-trips 200000] [--duration 15]
 *       [--levels 1,8,32,256] [--cgroup 100M] [--quick]
 *
 * `--help` lists every option. The database named by --db (default busmanager_bench) is dropped and made
 * anew: its name must contain "bench".
 */
public final class Bench {
    static final String ADMIN_EMAIL = "bench-admin@example.com";
    /** Fresh per run: the scratch database's users and tokens are worth nothing after it. */
    static final String PASSWORD = "bench-" + java.util.UUID.randomUUID();
    static final String JWT_SECRET = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
    static final long START = System.nanoTime();
    /** As run.sh sets it, unless the environment says otherwise. */
    static final String MALLOC_ARENA_MAX = System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2");
    /** Quiet time before the idle reading after the load (the server trims its heap after 60 s idle). */
    static final int QUIET_SECONDS = 75;
    static final String ALL_MIXES = "me,login,read,write,office,history";

    // ---------------------------------------------------------------- options

    record Options(Path jar, String java, List<String> jvmFlags, int port, String db, String pgHost, int pgPort,
                   String pgUser, String pgPassword, int trips, int sqlTrips, int duration, int warmup,
                   List<Integer> levels, List<String> mixes, String cgroup, int maxMinutes, boolean keepDb,
                   Path out) {
    }

    static final String HELP = """
            Options (defaults in brackets):
              --jar FILE          server jar [target/busmanager.jar]
              --java FILE         java for the server [the java running this program]
              --jvm-flags "..."   JVM flags [run.sh's defaults, or $JAVA_OPTS]
              --port N            server port on 127.0.0.1 [18765]
              --db NAME           scratch database, dropped and re-created; must contain "bench" [busmanager_bench]
              --pg-host/--pg-port/--pg-user/--pg-password   PostgreSQL on this machine [127.0.0.1 5432 postgres ""]
              --trips N           trips seeded through the API; 30 buses, 20 routes, 40 drivers, 3 expenses per trip [2000]
              --sql-trips N       extra trips (and 3 expenses each) inserted with psql, e.g. 200000 [0]
              --duration S        seconds per mix and connection level [15]
              --warmup S          seconds of unrecorded load before each mix [3]
              --levels LIST       concurrent connections [1,8,32,256]
              --mixes LIST        me,login,read,write,office,history [all]
              --cgroup LIMIT      run the server under bench/cgroup-run.sh with this memory limit, e.g. 100M (root)
              --max-minutes N     stop whatever is running after this long [45]
              --keep-db           leave the scratch database for inspection
              --out FILE          report file [bench/results/bench-<time>.md]
              --quick             --trips 200 --duration 5 --warmup 1
            """;

    static Options parse(String[] args) throws IOException {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(HELP);
                System.exit(0);
            } else if (a.equals("--keep-db") || a.equals("--quick")) {
                o.put(a.substring(2), "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                o.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + a + "\n" + HELP);
            }
        }
        boolean quick = o.containsKey("quick");
        String db = o.getOrDefault("db", "busmanager_bench");
        if (!db.matches("[a-z0-9_]*bench[a-z0-9_]*")) {
            throw new IllegalArgumentException("--db must be lower-case letters, digits, _ and contain 'bench'");
        }
        String pgHost = o.getOrDefault("pg-host", "127.0.0.1");
        if (!pgHost.matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|::1")) {
            throw new IllegalArgumentException("--pg-host must be a loopback address");
        }
        String flags = o.containsKey("jvm-flags") ? o.get("jvm-flags") : System.getenv("JAVA_OPTS");
        if (flags == null || flags.isBlank()) {
            Matcher m = Pattern.compile("\\$\\{JAVA_OPTS:-([^}]*)}").matcher(Files.readString(Path.of("run.sh")));
            if (!m.find()) {
                throw new IllegalStateException("cannot read the JVM flags from run.sh");
            }
            flags = m.group(1).replace("\\\n", " ");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return new Options(
                Path.of(o.getOrDefault("jar", "target/busmanager.jar")),
                o.getOrDefault("java", ProcessHandle.current().info().command().orElse("java")),
                Arrays.stream(flags.trim().split("\\s+")).toList(),
                Integer.parseInt(o.getOrDefault("port", "18765")), db, pgHost,
                Integer.parseInt(o.getOrDefault("pg-port", "5432")), o.getOrDefault("pg-user", "postgres"),
                o.getOrDefault("pg-password", ""),
                Integer.parseInt(o.getOrDefault("trips", quick ? "200" : "2000")),
                Integer.parseInt(o.getOrDefault("sql-trips", "0")),
                Integer.parseInt(o.getOrDefault("duration", quick ? "5" : "15")),
                Integer.parseInt(o.getOrDefault("warmup", quick ? "1" : "3")),
                Arrays.stream(o.getOrDefault("levels", "1,8,32,256").split(",")).map(Integer::parseInt).toList(),
                Arrays.asList(o.getOrDefault("mixes", ALL_MIXES).split(",")),
                o.get("cgroup"), Integer.parseInt(o.getOrDefault("max-minutes", "45")),
                o.containsKey("keep-db"),
                Path.of(o.getOrDefault("out", "bench/results/bench-" + stamp + ".md")));
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        Options opt = parse(args);
        if (!Files.isRegularFile(opt.jar())) {
            System.err.println("No server jar at " + opt.jar() + ": build it first (mvn -DskipTests package)");
            System.exit(2);
        }
        Deadline.minutes = opt.maxMinutes();
        Report report = new Report(opt);
        Psql psql = new Psql(opt);
        Path uploads = Files.createTempDirectory("bench-uploads");
        Server server = new Server(opt, uploads);
        int exit = 0;
        try {
            psql.admin("DROP DATABASE IF EXISTS " + opt.db() + " WITH (FORCE)");
            report.environment(psql.scalar("postgres", "SHOW server_version"));

            log("starting the server on an empty database (it creates the schema)");
            report.startEmpty = server.start();
            server.createAdmin();
            Api api = new Api(opt.port());
            String admin = api.login(ADMIN_EMAIL, PASSWORD);
            report.rssIdleStart = server.rss.settle();

            Seeder seeder = new Seeder(api, admin, opt);
            report.featuresPresent = seeder.featuresPresent();
            if (report.featuresPresent) {
                log("seeding " + opt.trips() + " trips through the API");
                long t = System.nanoTime();
                seeder.seed();
                report.seedSeconds = (System.nanoTime() - t) / 1e9;
                report.seedRequests = seeder.requests.get();
                report.seedErrors = seeder.errors;
                if (opt.sqlTrips() > 0) {
                    log("inserting " + opt.sqlTrips() + " trips with psql");
                    t = System.nanoTime();
                    psql.seedLarge(opt.sqlTrips());
                    report.sqlSeconds = (System.nanoTime() - t) / 1e9;
                }
            } else {
                log("the feature endpoints (buses, trips, expenses, ...) are missing: only the me and login mixes run");
            }
            report.rows = psql.rowCounts();
            report.rssIdleSeeded = server.rss.settle();

            Load load = new Load(api, admin, seeder, opt, server.rss);
            for (String mix : opt.mixes()) {
                if (!mix.equals("me") && !mix.equals("login") && !report.featuresPresent) {
                    report.skippedMixes.add(mix);
                    continue;
                }
                report.results.addAll(load.run(mix));
            }
            report.operations = load.operationStats();
            if (!report.results.isEmpty()) {
                log("waiting " + QUIET_SECONDS + " s without requests");
                Thread.sleep(QUIET_SECONDS * 1000L);
                report.rssIdleAfterLoad = server.rss.read() / 1024.0;
            }

            log("restarting the server with the data in place");
            server.stop();
            report.startSeeded = server.start();
            report.rssIdleRestart = server.rss.settle();
        } catch (Deadline.Exceeded e) {
            report.aborted = "stopped after --max-minutes " + opt.maxMinutes();
            exit = 1;
        } finally {
            server.stop();
            report.cgroupLine = server.cgroupLine();
            if (!opt.keepDb()) {
                psql.admin("DROP DATABASE IF EXISTS " + opt.db() + " WITH (FORCE)");
            }
            deleteTree(uploads);
        }
        String markdown = report.markdown();
        System.out.println(markdown);
        Files.createDirectories(opt.out().toAbsolutePath().getParent());
        Files.writeString(opt.out(), markdown);
        log("report written to " + opt.out());
        System.exit(exit);
    }

    static void log(String message) {
        System.err.printf("[%6.1fs] %s%n", (System.nanoTime() - START) / 1e9, message);
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The overall time bound (--max-minutes). */
    static final class Deadline {
        static int minutes = 45;

        static final class Exceeded extends RuntimeException {
        }

        static boolean passed() {
            return System.nanoTime() - START > TimeUnit.MINUTES.toNanos(minutes);
        }

        static void check() {
            if (passed()) {
                throw new Exceeded();
            }
        }
    }

    // ---------------------------------------------------------------- the server process

    static final class Server {
        final Options opt;
        final Path uploads;
        final Path logFile;
        Process process;
        long pid;
        Rss rss;

        Server(Options opt, Path uploads) throws IOException {
            this.opt = opt;
            this.uploads = uploads;
            this.logFile = Files.createTempFile("bench-server", ".log");
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DATABASE_URL", "jdbc:postgresql://" + opt.pgHost() + ":" + opt.pgPort() + "/" + opt.db());
            env.put("POSTGRES_USER", opt.pgUser());
            env.put("POSTGRES_PASSWORD", opt.pgPassword());
            env.put("PORT", String.valueOf(opt.port()));
            env.put("JWT_SECRET", JWT_SECRET);
            env.put("UPLOAD_DIR", uploads.toString());
            env.put("JOBS_ENABLED", "false");
            env.put("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
            return env;
        }

        /** Starts the server and returns the milliseconds until /health answered 200. */
        long start() throws Exception {
            List<String> command = new ArrayList<>();
            if (opt.cgroup() != null) {
                command.addAll(List.of("bench/cgroup-run.sh", "busmanager-bench", opt.cgroup()));
            }
            command.add(opt.java());
            command.addAll(opt.jvmFlags());
            command.addAll(List.of("-jar", opt.jar().toString(), "serve"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().putAll(env());
            long t0 = System.nanoTime();
            process = pb.start();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opt.port() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited during start-up:\n" + Files.readString(logFile));
                }
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(180)) {
                    throw new IllegalStateException("the server did not become healthy in 180 s");
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            pid = javaPid();
            rss = new Rss(pid);
            log("healthy after " + millis + " ms (server pid " + pid + ")");
            return millis;
        }

        /** The JVM serving requests: the child itself, or the java under cgroup-run.sh. */
        long javaPid() {
            if (opt.cgroup() == null) {
                return process.pid();
            }
            Optional<ProcessHandle> java = process.descendants()
                    .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains("-jar")).orElse(false))
                    .findFirst();
            return java.orElseThrow(() -> new IllegalStateException("no java under cgroup-run.sh")).pid();
        }

        void createAdmin() throws Exception {
            List<String> command = new ArrayList<>(List.of(opt.java(), "-XX:TieredStopAtLevel=1", "-Xmx64m", "-jar",
                    opt.jar().toString(), "create-user", "--email", ADMIN_EMAIL, "--password", PASSWORD, "--name",
                    "Bench Admin", "--role", "admin"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().putAll(env());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("create-user failed:\n" + Files.readString(logFile));
            }
        }

        void stop() throws Exception {
            if (rss != null) {
                rss.stop();
            }
            if (process == null || !process.isAlive()) {
                return;
            }
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        String cgroupLine() {
            try {
                return Files.readAllLines(logFile).stream().filter(l -> l.startsWith("cgroup-run:"))
                        .reduce((a, b) -> a + "; " + b).orElse(null);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** VmRSS of the server process, sampled every 50 ms by a background thread. */
    static final class Rss {
        final Path status;
        final Thread sampler;
        final AtomicLong peakKb = new AtomicLong();
        volatile long lastKb;

        Rss(long pid) {
            this.status = Path.of("/proc/" + pid + "/status");
            this.sampler = Thread.ofPlatform().daemon().name("rss").start(this::loop);
        }

        private void loop() {
            while (!Thread.currentThread().isInterrupted()) {
                long kb = read();
                if (kb > 0) {
                    lastKb = kb;
                    peakKb.accumulateAndGet(kb, Math::max);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long read() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }

        /** RSS in MiB after three quiet seconds. */
        double settle() throws InterruptedException {
            Thread.sleep(3000);
            return read() / 1024.0;
        }

        void resetPeak() {
            peakKb.set(read());
        }

        double peakMib() {
            return peakKb.get() / 1024.0;
        }

        void stop() {
            sampler.interrupt();
        }
    }

    // ---------------------------------------------------------------- HTTP and JSON

    record Resp(int status, String body) {
        Object json() {
            return new JsonReader(body).value();
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final class Api {
        final String base;
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Api(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        HttpRequest request(String method, String path, String token, String json) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return b.build();
        }

        Resp send(String method, String path, String token, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(request(method, path, token, json), HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body());
        }

        Resp sendOk(String method, String path, String token, String json) throws IOException, InterruptedException {
            Resp r = send(method, path, token, json);
            if (!r.ok()) {
                throw new IOException(method + " " + path + " -> " + r.status() + " " + abbreviate(r.body()));
            }
            return r;
        }

        String login(String email, String password) throws IOException, InterruptedException {
            Resp r = sendOk("POST", "/auth/login", null, obj("email", email, "password", password));
            return (String) ((Map<?, ?>) r.json()).get("access_token");
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** A JSON object from alternating keys and values (String, Number, Boolean or null). */
    static String obj(Object... kv) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(kv[i]).append("\":");
            Object v = kv[i + 1];
            if (v == null || v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                b.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return b.append('}').toString();
    }

    /** A small JSON reader: objects become maps, arrays lists, numbers doubles. */
    static final class JsonReader {
        final String s;
        int i;

        JsonReader(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        skip();
                        String k = string();
                        skip();
                        i++; // :
                        m.put(k, value());
                        skip();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[' -> {
                    List<Object> l = new ArrayList<>();
                    i++;
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    return switch (word) {
                        case "true" -> true;
                        case "false" -> false;
                        case "null" -> null;
                        default -> Double.parseDouble(word);
                    };
                }
            }
        }

        String string() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Resp r) {
        return (List<Map<String, Object>>) r.json();
    }

    static String id(Resp r) {
        return (String) ((Map<?, ?>) r.json()).get("id");
    }

    // ---------------------------------------------------------------- psql

    static final class Psql {
        final Options opt;

        Psql(Options opt) {
            this.opt = opt;
        }

        String run(String database, String sql) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                    "-h", opt.pgHost(), "-p", String.valueOf(opt.pgPort()), "-U", opt.pgUser(), "-d", database)
                    .redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", opt.pgPassword());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(sql.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("psql failed: " + out);
            }
            return out.strip();
        }

        void admin(String sql) throws IOException, InterruptedException {
            run("postgres", sql);
        }

        String scalar(String database, String sql) throws IOException, InterruptedException {
            return run(database, sql);
        }

        Map<String, Long> rowCounts() throws IOException, InterruptedException {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : List.of("buses", "routes", "profiles", "trips", "expenses")) {
                counts.put(table, Long.parseLong(run(opt.db(), "SELECT count(*) FROM " + table)));
            }
            return counts;
        }

        /** The large variant: trips over three years and three expenses each, straight into the tables. */
        void seedLarge(int trips) throws IOException, InterruptedException {
            run(opt.db(), """
                    WITH b AS (SELECT array_agg(id ORDER BY id) a FROM buses),
                         d AS (SELECT array_agg(p.id ORDER BY p.id) a FROM profiles p
                               JOIN user_roles r ON r.user_id = p.user_id AND r.role = 'driver'),
                         r AS (SELECT array_agg(id ORDER BY id) a FROM routes)
                    INSERT INTO trips (trip_number, bus_id, driver_id, route_id, start_date, end_date, trip_date,
                                       status, trip_type, odometer_start, odometer_end, revenue_cash, revenue_online,
                                       revenue_paytm, revenue_agent, notes)
                    SELECT 'TRS' || lpad(g::text, 8, '0'),
                           b.a[1 + g % array_length(b.a, 1)], d.a[1 + g % array_length(d.a, 1)],
                           r.a[1 + g % array_length(r.a, 1)], t.start, t.start + interval '9 hours', t.start::date,
                           (CASE WHEN g % 97 = 0 THEN 'in_progress' ELSE 'completed' END)::trip_status, 'one_way',
                           100000 + g, 100350 + g, 8000 + g % 9000, 3000 + g % 4000, g % 1500, g % 700,
                           'bench trip'
                    FROM generate_series(1, :trips) g, b, d, r,
                         LATERAL (SELECT timestamptz '2023-01-01 18:30+00' + (g % 1095) * interval '1 day'
                                         + (g % 12) * interval '1 hour' AS start) t;
                    WITH c AS (SELECT array_agg(id ORDER BY name) a FROM expense_categories)
                    INSERT INTO expenses (trip_id, category_id, submitted_by, amount, expense_date, description,
                                          status, approved_at)
                    SELECT t.id, c.a[1 + (k + t.odometer_start::int) % array_length(c.a, 1)], t.driver_id,
                           150 + (t.odometer_start::int * k) % 4000, t.trip_date, 'bench expense',
                           (CASE WHEN k < 3 THEN 'approved' ELSE 'pending' END)::expense_status,
                           CASE WHEN k < 3 THEN t.end_date END
                    FROM trips t, c, generate_series(1, 3) k WHERE t.trip_number LIKE 'TRS%';
                    ANALYZE;
                    """.replace(":trips", String.valueOf(trips)));
        }
    }

    // ---------------------------------------------------------------- seeding through the API

    static final class Seeder {
        static final int BUSES = 30;
        static final int ROUTES = 20;
        static final int DRIVERS = 40;
        static final int WORKERS = 8;

        final Api api;
        final String admin;
        final Options opt;
        final AtomicLong requests = new AtomicLong();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> buses = new CopyOnWriteArrayList<>();
        final List<String> routes = new CopyOnWriteArrayList<>();
        final List<String> drivers = new CopyOnWriteArrayList<>();
        final Map<String, String> driverTokens = new ConcurrentHashMap<>();
        final List<String> trips = new CopyOnWriteArrayList<>();
        final Map<String, String> tripDriver = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> pendingExpenses = new ConcurrentLinkedQueue<>();
        List<String> categories = List.of();

        Seeder(Api api, String admin, Options opt) {
            this.api = api;
            this.admin = admin;
            this.opt = opt;
        }

        boolean featuresPresent() throws Exception {
            for (String path : List.of("/buses", "/routes", "/trips", "/expenses", "/drivers", "/states",
                    "/expense-categories")) {
                int status = api.send("GET", path + "?limit=1", admin, null).status();
                if (status == 404 || status == 405) {
                    return false;
                }
            }
            return true;
        }

        Resp call(String method, String path, String token, String json) throws IOException, InterruptedException {
            requests.incrementAndGet();
            return api.sendOk(method, path, token, json);
        }

        /** Runs task(0..n-1) on WORKERS threads; failures are recorded and stop the seeding when frequent. */
        void parallel(int n, IntConsumerWithIo task) throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < n && errors.size() < 20 && !Deadline.passed()) {
                        try {
                            task.accept(i);
                        } catch (Exception e) {
                            errors.add(e.getMessage());
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            Deadline.check();
            if (errors.size() >= 20) {
                throw new IllegalStateException("seeding failed repeatedly, e.g.: " + errors.subList(0, 3));
            }
        }

        interface IntConsumerWithIo {
            void accept(int i) throws Exception;
        }

        void seed() throws Exception {
            List<Map<String, Object>> states = list(call("GET", "/states", admin, null));
            categories = list(call("GET", "/expense-categories", admin, null)).stream()
                    .map(c -> (String) c.get("id")).toList();
            parallel(BUSES, i -> buses.add(id(call("POST", "/buses", admin, obj(
                    "registration_number", String.format("KA%02dBM%04d", 1 + i % 60, 1000 + i),
                    "bus_name", "Shree Travels " + (i + 1), "capacity", 36 + i % 8,
                    "bus_type", i % 3 == 0 ? "AC Sleeper" : "Non-AC Seater", "status", "active",
                    "insurance_expiry", LocalDate.now().plusDays(30 + i * 9).toString(),
                    "monthly_tax_amount", 4500 + i * 10, "tax_due_day", 1 + i % 28)))));
            parallel(ROUTES, i -> {
                var from = states.get(i % states.size());
                var to = states.get((i * 7 + 3) % states.size());
                routes.add(id(call("POST", "/routes", admin, obj("route_name", "Route " + (i + 1) + " "
                        + from.get("state_code") + "-" + to.get("state_code"), "from_state_id", from.get("id"),
                        "to_state_id", to.get("id"), "distance_km", 180 + i * 37, "estimated_duration_hours",
                        4 + i % 10))));
            });
            parallel(DRIVERS, i -> {
                String email = "bench-driver-" + i + "@example.com";
                String driver = id(call("POST", "/drivers/create", admin, obj("email", email, "password", PASSWORD,
                        "full_name", "Driver " + (i + 1), "phone", "98450" + (10000 + i), "license_number",
                        "KA-DL-" + (200000 + i), "license_expiry", "", "address", "")));
                drivers.add(driver);
                driverTokens.put(driver, api.login(email, PASSWORD));
            });
            int n = opt.trips();
            LocalDate first = LocalDate.now().minusDays(365);
            parallel(n, i -> {
                LocalDate day = first.plusDays((long) i * 380 / n);
                boolean future = day.isAfter(LocalDate.now());
                String status = future ? "scheduled" : i % 40 == 0 ? "in_progress" : "completed";
                String driver = drivers.get(i % drivers.size());
                String trip = id(call("POST", "/trips", admin, obj(
                        "trip_number", "TRP" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%04d", i),
                        "route_id", routes.get(i % routes.size()), "bus_id", buses.get(i % buses.size()),
                        "driver_id", driver, "start_date", day + "T" + String.format("%02d", 16 + i % 6) + ":30",
                        "status", status, "trip_type", i % 3 == 0 ? "two_way" : "one_way")));
                trips.add(trip);
                tripDriver.put(trip, driver);
                if (!status.equals("scheduled")) {
                    call("PUT", "/trips/" + trip, admin, obj("odometer_start", 100000 + i * 400,
                            "odometer_end", 100000 + i * 400 + 350, "revenue_cash", 12000 + i % 5000,
                            "revenue_online", 8000 + i % 3000, "revenue_paytm", 1500 + i % 700,
                            "revenue_others", 0, "revenue_agent", 2500 + i % 900));
                }
            });
            List<String> submittedTrips = new ArrayList<>(trips);
            parallel(submittedTrips.size() * 3, i -> {
                String trip = submittedTrips.get(i / 3);
                String driver = tripDriver.get(trip);
                String expense = id(call("POST", "/expenses", driverTokens.get(driver), obj("trip_id", trip,
                        "category_id", categories.get(i % categories.size()), "amount", 250 + (i * 37) % 4000,
                        "expense_date", LocalDate.now().minusDays(i % 365).toString(),
                        "description", "Diesel and tolls " + i)));
                if (i % 10 < 6) {
                    call("PUT", "/expenses/" + expense, admin, obj("status", "approved", "admin_remarks", "ok"));
                } else if (i % 10 == 6) {
                    call("PUT", "/expenses/" + expense, admin, obj("status", "denied", "admin_remarks", "no bill"));
                } else {
                    pendingExpenses.add(expense);
                }
            });
        }
    }

    // ---------------------------------------------------------------- load

    record Op(String name, int weight, OpFactory make) {
    }

    interface OpFactory {
        HttpRequest make(ThreadLocalRandom r) throws Exception;
    }

    record Result(String mix, int connections, long requests, long errors, double seconds, double p50, double p99,
                  double max, double peakRssMib, String firstError) {
        double rps() {
            return requests / seconds;
        }
    }

    static final class Load {
        final Api api;
        final String admin;
        final Seeder seed;
        final Options opt;
        final Rss rss;
        final List<String> driverList;
        final Map<String, LongList> perOperation = new ConcurrentHashMap<>();

        Load(Api api, String admin, Seeder seed, Options opt, Rss rss) {
            this.api = api;
            this.admin = admin;
            this.seed = seed;
            this.opt = opt;
            this.rss = rss;
            this.driverList = new ArrayList<>(seed.driverTokens.keySet());
        }

        List<Op> mix(String name) {
            List<String> trips = seed.trips;
            List<String> buses = seed.buses;
            String today = LocalDate.now().toString();
            Op me = new Op("GET /auth/me", 1, r -> api.request("GET", "/auth/me", admin, null));
            Op login = new Op("POST /auth/login", 1,
                    r -> api.request("POST", "/auth/login", null, obj("email", ADMIN_EMAIL, "password", PASSWORD)));
            Op tripsWeek = new Op("GET /trips?status&from_date&to_date", 1, r -> {
                LocalDate from = LocalDate.now().minusDays(r.nextInt(7, 365));
                return api.request("GET", "/trips?status=completed&from_date=" + from + "&to_date=" + from.plusDays(6),
                        admin, null);
            });
            Op tripsBus = new Op("GET /trips?bus_id&status&limit=100", 1, r -> api.request("GET", "/trips?bus_id="
                    + buses.get(r.nextInt(buses.size())) + "&status=in_progress&limit=100", admin, null));
            Op tripsRecent = new Op("GET /trips?limit=5", 1, r -> api.request("GET", "/trips?limit=5", admin, null));
            Op tripsDashboard = new Op("GET /trips?limit=1000", 1,
                    r -> api.request("GET", "/trips?limit=1000", admin, null));
            Op driverTrips = new Op("GET /trips/my?status=in_progress (driver)", 1, r -> {
                String driver = driverList.get(r.nextInt(driverList.size()));
                return api.request("GET", "/trips/my?status=in_progress", seed.driverTokens.get(driver), null);
            });
            Op driverHistory = new Op("GET /trips/my (driver, all trips)", 1, r -> {
                String driver = driverList.get(r.nextInt(driverList.size()));
                return api.request("GET", "/trips/my", seed.driverTokens.get(driver), null);
            });
            Op trip = new Op("GET /trips/{id}", 1,
                    r -> api.request("GET", "/trips/" + trips.get(r.nextInt(trips.size())), admin, null));
            Op expensesPending = new Op("GET /expenses?status=pending", 1,
                    r -> api.request("GET", "/expenses?status=pending&limit=1000", admin, null));
            Op expensesTrip = new Op("GET /expenses?trip_id", 1, r -> api.request("GET", "/expenses?trip_id="
                    + trips.get(r.nextInt(trips.size())), admin, null));
            Op busList = new Op("GET /buses", 1, r -> api.request("GET", "/buses", admin, null));
            Op submit = new Op("POST /expenses (driver)", 1, r -> {
                String t = trips.get(r.nextInt(trips.size()));
                String driver = seed.tripDriver.get(t);
                return api.request("POST", "/expenses", seed.driverTokens.get(driver), obj("trip_id", t,
                        "category_id", seed.categories.get(r.nextInt(seed.categories.size())),
                        "amount", r.nextInt(100, 5000), "expense_date", today, "description", "bench"));
            });
            Op approve = new Op("PUT /expenses/{id} approve", 1, r -> {
                String expense = seed.pendingExpenses.poll();
                if (expense == null) {
                    return api.request("GET", "/expenses?status=pending&limit=5", admin, null);
                }
                return api.request("PUT", "/expenses/" + expense, admin, obj("status", "approved",
                        "admin_remarks", "bench"));
            });
            return switch (name) {
                case "me" -> weighted(me, 1);
                case "login" -> weighted(login, 1);
                case "read" -> weighted(tripsWeek, 20, tripsBus, 15, tripsRecent, 10, tripsDashboard, 2,
                        driverTrips, 8, trip, 20, expensesPending, 3, expensesTrip, 12, busList, 10);
                case "write" -> weighted(submit, 60, approve, 35, login, 5);
                case "office" -> weighted(me, 25, tripsWeek, 10, tripsBus, 8, tripsRecent, 8, tripsDashboard, 1,
                        driverTrips, 8, trip, 12, expensesPending, 2, expensesTrip, 8, busList, 8, submit, 5,
                        approve, 4, login, 1);
                case "history" -> weighted(driverHistory, 1);
                default -> throw new IllegalArgumentException("unknown mix " + name + " (" + ALL_MIXES + ")");
            };
        }

        static List<Op> weighted(Object... opsAndWeights) {
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < opsAndWeights.length; i += 2) {
                Op op = (Op) opsAndWeights[i];
                ops.add(new Op(op.name(), (Integer) opsAndWeights[i + 1], op.make()));
            }
            return ops;
        }

        static Op pick(List<Op> ops, int total, ThreadLocalRandom r) {
            int x = r.nextInt(total);
            for (Op op : ops) {
                x -= op.weight();
                if (x < 0) {
                    return op;
                }
            }
            return ops.get(ops.size() - 1);
        }

        List<Result> run(String mixName) throws Exception {
            List<Op> ops = mix(mixName);
            List<Result> results = new ArrayList<>();
            if (opt.warmup() > 0) {
                log("mix " + mixName + ": warm-up " + opt.warmup() + " s");
                runLevel(mixName, ops, 8, opt.warmup(), false);
            }
            for (int level : opt.levels()) {
                Deadline.check();
                rss.resetPeak();
                Result r = runLevel(mixName, ops, level, opt.duration(), true);
                log(String.format(Locale.ROOT, "mix %s, %d connections: %.0f req/s, p50 %.1f ms, p99 %.1f ms,"
                        + " %d errors, peak RSS %.0f MiB", mixName, level, r.rps(), r.p50(), r.p99(), r.errors(),
                        r.peakRssMib()));
                results.add(r);
            }
            return results;
        }

        Result runLevel(String mixName, List<Op> ops, int connections, int seconds, boolean record)
                throws InterruptedException {
            int total = ops.stream().mapToInt(Op::weight).sum();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long maxRequests = 5_000_000;
            AtomicLong count = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            List<LongList> latencies = new CopyOnWriteArrayList<>();
            List<String> firstError = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    LongList mine = new LongList();
                    latencies.add(mine);
                    Map<String, LongList> byOp = new HashMap<>();
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end && count.incrementAndGet() <= maxRequests) {
                        Op op = pick(ops, total, r);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> resp = api.client.send(op.make().make(r),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            if (resp.statusCode() >= 300) {
                                errors.incrementAndGet();
                                if (firstError.isEmpty()) {
                                    firstError.add(op.name() + " -> " + resp.statusCode() + " "
                                            + abbreviate(new String(resp.body(), StandardCharsets.UTF_8)));
                                }
                            } else if (op.name().startsWith("POST /expenses") && record) {
                                String body = new String(resp.body(), StandardCharsets.UTF_8);
                                seed.pendingExpenses.add((String) ((Map<?, ?>) new JsonReader(body).value()).get("id"));
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (firstError.isEmpty()) {
                                firstError.add(op.name() + " -> " + e);
                            }
                        }
                        long micros = (System.nanoTime() - t0) / 1000;
                        mine.add(micros);
                        byOp.computeIfAbsent(op.name(), k -> new LongList()).add(micros);
                    }
                    if (record) {
                        byOp.forEach((k, v) -> perOperation.computeIfAbsent(k + "\t" + connections,
                                x -> new LongList()).addAll(v));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            LongList all = new LongList();
            latencies.forEach(all::addAll);
            long[] sorted = all.sorted();
            return new Result(mixName, connections, sorted.length, errors.get(), elapsed, percentile(sorted, 50),
                    percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0,
                    rss.peakMib(), firstError.isEmpty() ? null : firstError.get(0));
        }

        /** Operation name, then connection level: {requests, p50 ms, p99 ms} over every mix that has it. */
        Map<String, Map<Integer, double[]>> operationStats() {
            Map<String, Map<Integer, double[]>> stats = new java.util.TreeMap<>();
            perOperation.forEach((key, list) -> {
                String[] nameAndLevel = key.split("\t");
                long[] sorted = list.sorted();
                stats.computeIfAbsent(nameAndLevel[0], k -> new java.util.TreeMap<>()).put(
                        Integer.parseInt(nameAndLevel[1]),
                        new double[] {sorted.length, percentile(sorted, 50), percentile(sorted, 99)});
            });
            return stats;
        }
    }

    /** Milliseconds at the percentile of sorted microsecond values. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    static final class LongList {
        long[] values = new long[1024];
        int size;

        synchronized void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        synchronized void addAll(LongList other) {
            synchronized (other) {
                for (int i = 0; i < other.size; i++) {
                    add(other.values[i]);
                }
            }
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    // ---------------------------------------------------------------- report

    static final class Report {
        final Options opt;
        final List<String> env = new ArrayList<>();
        long startEmpty;
        long startSeeded;
        double rssIdleStart;
        double rssIdleSeeded;
        double rssIdleRestart;
        double rssIdleAfterLoad;
        boolean featuresPresent;
        double seedSeconds;
        double sqlSeconds;
        long seedRequests;
        List<String> seedErrors = List.of();
        Map<String, Long> rows = Map.of();
        final List<Result> results = new ArrayList<>();
        final List<String> skippedMixes = new ArrayList<>();
        Map<String, Map<Integer, double[]>> operations = Map.of();
        String cgroupLine;
        String aborted;

        Report(Options opt) {
            this.opt = opt;
        }

        void environment(String pgVersion) throws IOException, InterruptedException {
            env.add("CPU: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores; RAM "
                    + memTotal() + "; kernel " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
            Process p = new ProcessBuilder(opt.java(), "-version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .findFirst().orElse("?");
            p.waitFor();
            env.add("Server JVM: " + version + " (" + opt.java() + ")");
            env.add("JVM flags: `" + String.join(" ", opt.jvmFlags()) + "`, MALLOC_ARENA_MAX=" + MALLOC_ARENA_MAX);
            env.add("PostgreSQL " + pgVersion + " on the same machine; the load generator shares the CPU with the"
                    + " server and PostgreSQL");
            if (opt.cgroup() != null) {
                env.add("Server in a memory cgroup limited to " + opt.cgroup() + " (page cache included)");
            }
        }

        static String cpu() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") || line.startsWith("Model")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
            return System.getProperty("os.arch");
        }

        static String memTotal() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB";
                }
            }
            return "?";
        }

        String markdown() {
            StringBuilder b = new StringBuilder();
            b.append("### BusManager benchmark, ").append(LocalDateTime.now(ZoneOffset.UTC).withNano(0))
                    .append(" UTC\n\n");
            env.forEach(e -> b.append("- ").append(e).append('\n'));
            b.append(String.format(Locale.ROOT, "- Data: %s; %d s per mix and level after %d s warm-up%n", rows,
                    opt.duration(), opt.warmup()));
            if (featuresPresent) {
                b.append(String.format(Locale.ROOT, "- Seeding through the API: %d requests in %.1f s (%.0f req/s,"
                        + " 8 connections), %d errors%n", seedRequests, seedSeconds, seedRequests / seedSeconds,
                        seedErrors.size()));
            }
            if (sqlSeconds > 0) {
                b.append(String.format(Locale.ROOT, "- Large variant: %d trips with 3 expenses each inserted by psql"
                        + " in %.1f s%n", opt.sqlTrips(), sqlSeconds));
            }
            if (!skippedMixes.isEmpty()) {
                b.append("- Not run (feature endpoints missing in this build): ").append(skippedMixes).append('\n');
            }
            if (aborted != null) {
                b.append("- **Incomplete**: ").append(aborted).append('\n');
            }
            b.append("\n| Start-up and memory | Value |\n|---|---|\n");
            row(b, "Start to healthy, empty database (creates the schema)", startEmpty + " ms");
            row(b, "Start to healthy, restart with the data in place", startSeeded == 0 ? "-" : startSeeded + " ms");
            row(b, "RSS idle after start", mib(rssIdleStart));
            row(b, "RSS idle after seeding", mib(rssIdleSeeded));
            row(b, "RSS idle " + QUIET_SECONDS + " s after the last mix", mib(rssIdleAfterLoad));
            row(b, "RSS idle after restart", mib(rssIdleRestart));
            double peak = results.stream().mapToDouble(Result::peakRssMib).max().orElse(0);
            row(b, "RSS peak under load", mib(peak));
            if (cgroupLine != null) {
                row(b, "cgroup", cgroupLine.replace("cgroup-run: ", ""));
            }
            b.append("\n| Mix | Connections | Requests/s | p50 ms | p99 ms | max ms | Errors | Peak RSS MiB |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Result r : results) {
                b.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.0f | %d | %.0f |%n", r.mix(),
                        r.connections(), r.rps(), r.p50(), r.p99(), r.max(), r.errors(), r.peakRssMib()));
            }
            List<String> errorSamples = results.stream().filter(r -> r.firstError() != null)
                    .map(r -> r.mix() + "@" + r.connections() + ": " + r.firstError()).toList();
            if (!errorSamples.isEmpty()) {
                b.append("\nFirst error of each run with errors:\n\n");
                errorSamples.forEach(e -> b.append("- `").append(e.replace('`', '\'').replace('\n', ' ')).append("`\n"));
            }
            if (!operations.isEmpty()) {
                b.append("\nLatency by operation over all mixes, p50 / p99 ms (requests), at each connection level:\n\n")
                        .append("| Operation |");
                opt.levels().forEach(l -> b.append(' ').append(l).append(" |"));
                b.append("\n|---|").append("---:|".repeat(opt.levels().size())).append('\n');
                operations.forEach((name, byLevel) -> {
                    b.append("| `").append(name).append("` |");
                    for (int level : opt.levels()) {
                        double[] s = byLevel.get(level);
                        b.append(s == null ? " - |" : String.format(Locale.ROOT, " %.1f / %.1f (%.0f) |", s[1], s[2],
                                s[0]));
                    }
                    b.append('\n');
                });
            }
            b.append("\nMixes: me = `GET /auth/me` (the frontend's session check, every 60 s per open tab); login ="
                    + " `POST /auth/login` (bcrypt); read = trip lists with filters, single trip,"
                    + " expense lists, bus list, a driver's trips in progress; write = 60% expense submit by drivers, 35%"
                    + " approval, 5% login; office = all of them weighted like a working day; history = a driver's"
                    + " whole trip history (`GET /trips/my` without a limit: every row, by contract).\n");
            return b.toString();
        }

        static void row(StringBuilder b, String name, String value) {
            b.append("| ").append(name).append(" | ").append(value).append(" |\n");
        }

        static String mib(double v) {
            return v <= 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", v);
        }
    }
}
