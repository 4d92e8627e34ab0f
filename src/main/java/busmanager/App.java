package busmanager;

import busmanager.auth.Authenticator;
import busmanager.auth.Jwt;
import busmanager.auth.JwtSecret;
import busmanager.config.Config;
import busmanager.db.Database;
import busmanager.db.Migrations;
import busmanager.http.Cors;
import busmanager.http.HttpApp;
import busmanager.http.Router;
import busmanager.jobs.JobRunner;
import busmanager.jobs.JobScheduler;
import busmanager.jobs.Jobs;
import busmanager.mail.AlertMailer;
import busmanager.notifications.NotificationHub;
import busmanager.notifications.NotificationListener;
import busmanager.system.IdleHeapTrim;
import busmanager.web.WebAppHandler;
import java.nio.file.Files;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: database pool, schema check, routes and the HTTP listener, plus the live-notification
 * listener and the job scheduler.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Deps deps;
    private final HttpApp http;
    private final NotificationListener listener;
    private final JobRunner jobs;
    private final JobScheduler scheduler;
    private final IdleHeapTrim heapTrim;

    private App(Deps deps, HttpApp http, NotificationListener listener, JobRunner jobs, JobScheduler scheduler) {
        this.deps = deps;
        this.http = http;
        this.listener = listener;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.heapTrim = new IdleHeapTrim(http::lastRequestNanos);
    }

    public static App start(Config config, Clock clock) throws Exception {
        Migrations.ensureDatabaseExists(config);
        Database db = new Database(config);
        NotificationListener listener = null;
        JobScheduler scheduler = null;
        Deps deps = null;
        try {
            Migrations.ensureCurrent(config, db.dataSource());
            for (String sub : new String[] {"expenses", "repairs", "logos"}) {
                Files.createDirectories(config.uploadDir().resolve(sub));
            }
            Jwt jwt = new Jwt(JwtSecret.resolve(config.jwtSecret(), db), clock);
            deps = new Deps(config, db, jwt, clock, new NotificationHub(db), AlertMailer.of(config.mail(), clock));
            if (!config.mail().enabled()) {
                LOG.info("Alert e-mails are off (SMTP_HOST is not set); alerts still appear in the admins' bell");
            }
            listener = new NotificationListener(config, deps.hub()).start();
            JobRunner jobs = Jobs.runner(deps);
            Router router = Routes.build(deps, jobs);
            if (config.jobs().enabled()) {
                scheduler = new JobScheduler(jobs, clock, jobs.jobs().stream().map(j -> j.name())
                        .filter(config.jobs()::runsOnSchedule).collect(Collectors.toSet())).start();
            } else {
                LOG.info("Scheduled jobs are off (JOBS_ENABLED=false); they still run on demand");
            }
            HttpApp http = new HttpApp(router, new Authenticator(jwt, db), new Cors(config.corsOrigins()),
                    WebAppHandler.of(config.webDir()));
            http.start(config.port());
            return new App(deps, http, listener, jobs, scheduler);
        } catch (Exception e) {
            closeQuietly(scheduler);
            closeQuietly(listener);
            if (deps != null) {
                deps.hub().close();
                deps.mailer().close();
            }
            db.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing start-up; the first error is the one reported
            }
        }
    }

    public int port() {
        return http.port();
    }

    public Database db() {
        return deps.db();
    }

    /** The background jobs of this instance (run them on demand, or as a scheduled slot). */
    public JobRunner jobs() {
        return jobs;
    }

    public Deps deps() {
        return deps;
    }

    /** True once this instance listens for notifications made by other instances. */
    public boolean listening() {
        return listener.listening();
    }

    @Override
    public void close() {
        heapTrim.close();
        closeQuietly(scheduler);
        deps.hub().close();
        http.stop();
        listener.close();
        deps.mailer().close();
        deps.db().close();
    }
}
