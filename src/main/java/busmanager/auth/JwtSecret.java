package busmanager.auth;

import busmanager.db.Database;
import busmanager.db.Sql;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing secret: JWT_SECRET when set; otherwise one generated once and kept in the database, so tokens
 * survive restarts and every instance on the same database agrees.
 */
public final class JwtSecret {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecret.class);
    private static final String OLD_DEFAULT = "your-super-secret-jwt-token-with-at-least-32-characters";

    private JwtSecret() {
    }

    public static String resolve(String configured, Database db) throws SQLException {
        if (configured != null && !configured.isBlank()) {
            if (configured.equals(OLD_DEFAULT)) {
                LOG.warn("JWT_SECRET is the old stack's published default: anyone can forge tokens. Change it.");
            }
            return configured;
        }
        return db.tx(c -> {
            String stored = Sql.text(c, "SELECT value FROM server_secrets WHERE name = 'jwt_secret'");
            if (stored != null) {
                return stored;
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Sql.update(c, "INSERT INTO server_secrets (name, value) VALUES ('jwt_secret', ?) "
                    + "ON CONFLICT (name) DO NOTHING", fresh);
            LOG.info("JWT_SECRET is not set: generated a signing secret and stored it in the database");
            return Sql.text(c, "SELECT value FROM server_secrets WHERE name = 'jwt_secret'");
        });
    }
}
