package busmanager;

import busmanager.backup.Restore;
import busmanager.cli.BackupCommands;
import busmanager.cli.CreateUserCommand;
import busmanager.cli.HealthCheck;
import busmanager.cli.Options;
import busmanager.cli.RunJobCommand;
import busmanager.config.Config;
import busmanager.config.ConfigException;
import busmanager.config.ConfigLoader;
import busmanager.db.Migrations;
import busmanager.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command line: serve (default), migrate, create-user, run-job, backup, restore, healthcheck. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = """
            Usage: busmanager [command]
              serve                      run the API server (default)
              migrate                    bring the database schema up to date and exit
              create-user --email E --password P --name "Full Name" [--role admin|driver|repair_org]
                          [--phone N] [--license-number L] [--license-expiry YYYY-MM-DD] [--repair-org-id UUID]
              run-job NAME               run a background job now and print its summary; NAME is one of
                                         trip-generation, trip-notifications, stock-alerts, tax-alerts,
                                         expiry-alerts, backup
              backup [--output FILE]     write database and uploads into one archive (default: BACKUP_DIR)
              restore FILE               restore an archive into an empty database and upload directory
              healthcheck                exit 0 when the server on PORT answers /health, else 1""";

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            Config config = ConfigLoader.fromEnvironment();
            switch (command) {
                case "serve" -> serve(config);
                case "migrate" -> Migrations.migrate(config);
                case "create-user" -> CreateUserCommand.run(config, Options.parse(args));
                case "run-job" -> RunJobCommand.run(config, args);
                case "backup" -> BackupCommands.backup(config, Options.parse(args));
                case "restore" -> BackupCommands.restore(config, args);
                case "healthcheck" -> System.exit(HealthCheck.healthy(config.port()) ? 0 : 1);
                case "help", "--help", "-h" -> System.out.println(USAGE);
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
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
}
