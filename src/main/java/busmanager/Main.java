package busmanager;

import busmanager.backup.Backup;
import busmanager.backup.Manifest;
import busmanager.backup.Restore;
import busmanager.config.Config;
import busmanager.config.ConfigException;
import busmanager.config.ConfigLoader;
import busmanager.db.Database;
import busmanager.db.Migrations;
import busmanager.http.ApiException;
import busmanager.users.UserAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command line: {@code serve} (default), {@code migrate}, {@code create-user}, {@code backup}, {@code restore},
 * {@code healthcheck}. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            Config config = ConfigLoader.fromEnvironment();
            switch (command) {
                case "serve" -> serve(config);
                case "migrate" -> Migrations.migrate(config);
                case "create-user" -> createUser(config, options(args));
                case "backup" -> backup(config, options(args));
                case "restore" -> restore(config, args);
                case "healthcheck" -> System.exit(healthy(config.port()) ? 0 : 1);
                case "help", "--help", "-h" -> usage();
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (ApiException e) {
            System.err.println("Refused: " + e.getMessage());
            System.exit(1);
        } catch (Restore.Refused e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            LOG.error("{} failed: {}", command, e.toString());
            System.exit(1);
        }
    }

    private static void serve(Config config) throws Exception {
        Instant started = Instant.now();
        App app = App.start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        LOG.info("BusManager API listening on port {} (ready in {} ms)", app.port(),
                Duration.between(started, Instant.now()).toMillis());
    }

    private static void createUser(Config config, Map<String, String> o) throws Exception {
        String role = o.getOrDefault("role", "driver");
        if (!Set.of("admin", "driver", "repair_org").contains(role)) {
            throw new IllegalArgumentException("--role must be admin, driver or repair_org");
        }
        for (String required : List.of("email", "password", "name")) {
            if (o.get(required) == null || o.get(required).isBlank()) {
                throw new IllegalArgumentException("create-user needs --" + required + "\n" + USAGE);
            }
        }
        if (o.get("password").length() < 8) {
            throw new IllegalArgumentException("--password must have at least 8 characters");
        }
        UUID org = o.get("repair-org-id") == null ? null : UUID.fromString(o.get("repair-org-id"));
        if (role.equals("repair_org") != (org != null)) {
            throw new IllegalArgumentException("--repair-org-id is required for role repair_org, and only for it");
        }
        LocalDate expiry = o.get("license-expiry") == null ? null : LocalDate.parse(o.get("license-expiry"));
        Migrations.ensureDatabaseExists(config);
        try (Database db = new Database(config)) {
            Migrations.ensureCurrent(config, db.dataSource());
            var created = db.tx(c -> UserAccounts.create(c, new UserAccounts.NewUser(o.get("email").strip(),
                    o.get("password"), o.get("name").strip(), role, o.get("phone"), o.get("license-number"), expiry,
                    null, org, true)));
            System.out.println("Created " + role + " " + o.get("email") + " (user id " + created.userId()
                    + ", profile id " + created.profileId() + ")");
        }
    }

    private static void backup(Config config, Map<String, String> o) throws Exception {
        for (String key : o.keySet()) {
            if (!key.equals("output")) {
                throw new IllegalArgumentException("unknown option --" + key + "\n" + USAGE);
            }
        }
        Path target = o.containsKey("output") ? Path.of(o.get("output")) : Backup.standardFile(config, Clock.systemUTC());
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists; choose another --output");
        }
        Manifest manifest = Backup.create(config, target, Clock.systemUTC());
        System.out.println("Backup written to " + target.toAbsolutePath() + " (" + Files.size(target) + " bytes): "
                + Backup.describe(manifest));
    }

    private static void restore(Config config, String[] args) throws Exception {
        if (args.length != 2 || args[1].startsWith("--")) {
            throw new IllegalArgumentException("restore needs exactly one backup file: restore FILE\n" + USAGE);
        }
        Manifest manifest = Restore.run(config, Path.of(args[1]));
        System.out.println("Restored " + args[1] + " (made " + manifest.createdAt() + " from database "
                + manifest.database() + "): " + Backup.describe(manifest) + ". Uploads are in "
                + config.uploadDir().toAbsolutePath() + ". Start the server as usual; it brings the schema up to date.");
    }

    /** GET http://127.0.0.1:PORT/health with a plain socket (a container health check: small and quick). */
    static boolean healthy(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            boolean ok = response.startsWith("HTTP/1.1 200 ") && response.contains("\"healthy\"");
            if (!ok) {
                System.err.println("unhealthy: " + response.lines().findFirst().orElse("no answer"));
            }
            return ok;
        } catch (IOException e) {
            System.err.println("unhealthy: " + e.getMessage());
            return false;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + USAGE);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                options.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
        }
        return options;
    }

    private static final String USAGE = """
            Usage: busmanager [command]
              serve                      run the API server (default)
              migrate                    bring the database schema up to date and exit
              create-user --email E --password P --name "Full Name" [--role admin|driver|repair_org]
                          [--phone N] [--license-number L] [--license-expiry YYYY-MM-DD] [--repair-org-id UUID]
              backup [--output FILE]     write database + uploads into one zip archive
                                         (default BACKUP_DIR/busmanager-<date>-<time>.zip)
              restore FILE               restore such an archive into an EMPTY database (created when missing)
                                         and an empty upload folder
              healthcheck                exit 0 when the server on PORT answers /health, else 1""";

    private static void usage() {
        System.out.println(USAGE);
    }
}
