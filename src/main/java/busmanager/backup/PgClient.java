package busmanager.backup;

import busmanager.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL's own client programs ({@code pg_dump}, {@code pg_restore}) pointed at the configured
 * database. Connection settings, the password included, travel in libpq's environment variables, so
 * nothing secret appears on a command line (visible to every user in {@code ps}).
 */
final class PgClient {
    private final Config config;
    private final Map<String, String> env;

    PgClient(Config config) {
        this.config = config;
        this.env = libpqEnvironment(config);
    }

    String databaseName() {
        return env.get("PGDATABASE");
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.dbUser());
        p.setProperty("password", config.dbPassword() == null ? "" : config.dbPassword());
        p.setProperty("options", "-c TimeZone=UTC");
        p.setProperty("ApplicationName", "busmanager-backup");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    /** Runs the tool with the arguments; its standard output goes to {@code out}. */
    void run(List<String> args, InputStream in, OutputStream out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find(args.get(0)).toString());
        command.addAll(args.subList(1, args.size()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(env);
        if (in == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        if (out == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process = pb.start();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread errorReader = Thread.ofVirtual().start(() -> drainBounded(process.getErrorStream(), errors));
        try {
            if (in != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    in.transferTo(stdin);
                } catch (IOException e) {
                    // the tool stopped reading (it failed): its exit code and messages below tell why
                }
            }
            if (out != null) {
                try (InputStream stdout = process.getInputStream()) {
                    stdout.transferTo(out);
                }
            }
            int exit = process.waitFor();
            errorReader.join();
            if (exit != 0) {
                String message = errors.toString(StandardCharsets.UTF_8).strip();
                throw new IOException(args.get(0) + " failed (exit code " + exit + ")"
                        + (message.isEmpty() ? "" : ": " + message));
            }
        } finally {
            process.destroy();
        }
    }

    private static void drainBounded(InputStream stream, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[4096];
        try (stream) {
            int n;
            while ((n = stream.read(buffer)) > 0) {
                synchronized (sink) {
                    if (sink.size() < 16_384) {
                        sink.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process is gone; what was read is all there is
        }
    }

    /** The program on the PATH (also PostgreSQL's usual install folders on Debian). */
    static Path find(String program) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, program));
                }
            }
        }
        candidates.add(Path.of("/usr/bin", program));
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                return c;
            }
        }
        throw new IOException(program + " not found on the PATH: install PostgreSQL's client programs"
                + " (Debian: apt-get install postgresql-client)");
    }

    /** PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (and PGSSLMODE) for the configured JDBC URL. */
    static Map<String, String> libpqEnvironment(Config config) {
        String url = config.jdbcUrl();
        String prefix = "jdbc:postgresql:";
        if (url == null || !url.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        String rest = url.substring(prefix.length());
        Map<String, String> query = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), decode(pair.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, q);
        }
        String hosts = "";
        String database = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            hosts = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
        }
        List<String> hostNames = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String h : hosts.isEmpty() ? new String[] {"localhost"} : hosts.split(",")) {
            String host = h;
            String port = "5432";
            int close = h.lastIndexOf(']');
            int colon = h.lastIndexOf(':');
            if (colon > close) {
                host = h.substring(0, colon);
                port = h.substring(colon + 1);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            hostNames.add(host.isEmpty() ? "localhost" : host);
            ports.add(port.isEmpty() ? "5432" : port);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", String.join(",", hostNames));
        env.put("PGPORT", String.join(",", ports));
        env.put("PGDATABASE", decode(database.isEmpty() ? config.dbUser() : database));
        env.put("PGUSER", query.getOrDefault("user", config.dbUser()));
        env.put("PGPASSWORD", query.getOrDefault("password", config.dbPassword() == null ? "" : config.dbPassword()));
        if (query.containsKey("sslmode")) {
            env.put("PGSSLMODE", query.get("sslmode"));
        }
        env.put("PGCONNECT_TIMEOUT", "15");
        env.put("PGAPPNAME", "busmanager-backup");
        return env;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
