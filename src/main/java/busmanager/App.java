package busmanager;

import busmanager.auth.Authenticator;
import busmanager.backup.NightlyBackup;
import busmanager.auth.Jwt;
import busmanager.auth.JwtSecret;
import busmanager.config.Config;
import busmanager.db.Database;
import busmanager.db.Migrations;
import busmanager.http.Cors;
import busmanager.http.HttpApp;
import busmanager.http.Router;
import busmanager.web.WebAppHandler;
import java.nio.file.Files;
import java.time.Clock;

/** The running server: database pool, schema check, routes and the HTTP listener. */
public final class App implements AutoCloseable {
    private final Database db;
    private final HttpApp http;
    private final NightlyBackup nightlyBackup;

    private App(Database db, HttpApp http, NightlyBackup nightlyBackup) {
        this.db = db;
        this.http = http;
        this.nightlyBackup = nightlyBackup;
    }

    public static App start(Config config, Clock clock) throws Exception {
        Migrations.ensureDatabaseExists(config);
        Database db = new Database(config);
        try {
            Migrations.ensureCurrent(config, db.dataSource());
            for (String sub : new String[] {"expenses", "repairs", "logos"}) {
                Files.createDirectories(config.uploadDir().resolve(sub));
            }
            Jwt jwt = new Jwt(JwtSecret.resolve(config.jwtSecret(), db), clock);
            Deps deps = new Deps(config, db, jwt, clock);
            Router router = Routes.build(deps);
            HttpApp http = new HttpApp(router, new Authenticator(jwt, db), new Cors(config.corsOrigins()),
                    WebAppHandler.of(config.webDir()));
            http.start(config.port());
            return new App(db, http, NightlyBackup.start(config, clock));
        } catch (Exception e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public Database db() {
        return db;
    }

    @Override
    public void close() {
        if (nightlyBackup != null) {
            nightlyBackup.close();
        }
        http.stop();
        db.close();
    }
}
