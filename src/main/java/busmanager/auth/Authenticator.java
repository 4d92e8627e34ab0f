package busmanager.auth;

import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Principal}. The role comes from the database on
 * every request, so a demoted or deleted user loses access at once, whatever the token says.
 */
public final class Authenticator {
    private static final String WHO_SQL = """
            SELECT p.id AS profile_id,
                   (SELECT r.role::text FROM user_roles r WHERE r.user_id = u.id ORDER BY r.created_at LIMIT 1) AS role
            FROM auth.users u JOIN profiles p ON p.user_id = u.id
            WHERE u.id = ?""";

    private final Jwt jwt;
    private final Database db;

    public Authenticator(Jwt jwt, Database db) {
        this.jwt = jwt;
        this.db = db;
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail);
    }

    public Principal authenticate(String authorization) throws SQLException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Not authenticated");
        }
        Jwt.Claims claims;
        try {
            claims = jwt.verify(authorization.substring(7).strip());
        } catch (Jwt.InvalidToken e) {
            throw unauthorized("Invalid or expired token");
        }
        Map<String, Object> row = db.read(c -> Sql.row(c, WHO_SQL, claims.userId()));
        if (row == null || row.get("role") == null) {
            return new Principal(claims.userId(), claims.profileId(), null);
        }
        return new Principal(claims.userId(), (UUID) row.get("profile_id"), (String) row.get("role"));
    }
}
