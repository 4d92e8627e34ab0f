package busmanager;

import busmanager.config.Config;
import busmanager.db.Database;
import busmanager.auth.Jwt;
import java.time.Clock;
import java.time.LocalDate;

/** What the features are built from, made once in {@link App}. */
public record Deps(Config config, Database db, Jwt jwt, Clock clock) {
    /** Today in the business time zone (Asia/Kolkata by default): the default date of new records. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.businessZone()));
    }
}
