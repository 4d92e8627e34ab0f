package busmanager;

import busmanager.config.Config;
import busmanager.db.Database;
import busmanager.auth.Jwt;
import java.time.Clock;

/** What the features are built from, made once in {@link App}. */
public record Deps(Config config, Database db, Jwt jwt, Clock clock) {
}
