package busmanager.cli;

import busmanager.Deps;
import busmanager.auth.Jwt;
import busmanager.auth.JwtSecret;
import busmanager.config.Config;
import busmanager.db.Database;
import busmanager.db.Migrations;
import busmanager.http.Json;
import busmanager.jobs.JobRunner;
import busmanager.jobs.Jobs;
import busmanager.mail.AlertMailer;
import busmanager.notifications.NotificationHub;
import java.time.Clock;
import java.time.Duration;

/** {@code run-job NAME}: runs one background job now, prints its summary, waits briefly for its e-mail. */
public final class RunJobCommand {
    private RunJobCommand() {
    }

    public static void run(Config config, String[] args) throws Exception {
        if (args.length != 2 || !Config.Jobs.NAMES.contains(args[1])) {
            throw new IllegalArgumentException("run-job needs one of: " + String.join(", ", Config.Jobs.NAMES));
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
}
