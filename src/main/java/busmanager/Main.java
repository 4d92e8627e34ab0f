package busmanager;

import busmanager.config.Config;
import busmanager.config.ConfigException;
import busmanager.config.ConfigLoader;
import busmanager.db.Database;
import busmanager.db.Migrations;
import busmanager.auth.Jwt;
import busmanager.auth.JwtSecret;
import busmanager.http.ApiException;
import busmanager.http.Json;
import busmanager.jobs.JobRunner;
import busmanager.jobs.Jobs;
import busmanager.mail.AlertMailer;
import busmanager.notifications.NotificationHub;
import busmanager.users.UserAccounts;
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

/** Command line: {@code serve} (default), {@code migrate}, {@code create-user}, {@code run-job}. */
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
                case "run-job" -> runJob(config, args);
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

    /** Runs one background job now, prints its summary and waits (briefly) for its e-mail to go out. */
    private static void runJob(Config config, String[] args) throws Exception {
        if (args.length != 2 || !Config.Jobs.NAMES.contains(args[1])) {
            throw new IllegalArgumentException("run-job needs one of: " + String.join(", ", Config.Jobs.NAMES)
                    + "\n" + USAGE);
        }
        Migrations.ensureDatabaseExists(config);
        Clock clock = Clock.systemUTC();
        try (Database db = new Database(config); NotificationHub hub = new NotificationHub(db);
             AlertMailer mailer = AlertMailer.of(config.mail(), clock)) {
            Migrations.ensureCurrent(config, db.dataSource());
            Jwt jwt = new Jwt(JwtSecret.resolve(config.jwtSecret(), db), clock);
            JobRunner.Run run = Jobs.runner(new Deps(config, db, jwt, clock, hub, mailer)).runNow(args[1],
                    clock.instant());
            System.out.println(Json.write(g -> Json.writeValue(g, run.toMap())));
            if (!mailer.awaitIdle(Duration.ofMinutes(2))) {
                System.err.println("The alert e-mail could not be sent yet (see the log); giving up.");
            }
            if (run.failed()) {
                System.exit(1);
            }
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
              run-job NAME               run a background job now and print its summary; NAME is one of
                                         trip-generation, trip-notifications, stock-alerts, tax-alerts,
                                         expiry-alerts""";

    private static void usage() {
        System.out.println(USAGE);
    }
}
