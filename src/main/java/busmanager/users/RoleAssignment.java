package busmanager.users;

import busmanager.auth.Principal;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import busmanager.http.Values;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * POST /drivers/assign-role (api.md §9.3): one role row per user, changed in place. The change is effective
 * on the user's next request, because every request reads the role from the database.
 */
public final class RoleAssignment {
    /** Serialises role changes, so two admins demoting each other cannot leave the system without one. */
    private static final long ROLE_CHANGE_LOCK = 0x726f6c65_73L;

    private final Database db;

    public RoleAssignment(Database db) {
        this.db = db;
    }

    public Reply assign(Request req) throws Exception {
        JsonBody body = req.body();
        if (!body.hasValue("user_id")) {
            throw ApiException.invalidField("user_id", "Field required");
        }
        String raw = body.text("user_id");
        UUID userId = Values.uuid(raw.strip());
        if (userId == null) {
            throw ApiException.badRequest("Invalid user_id format");
        }
        if (!body.hasValue("role")) {
            throw ApiException.invalidField("role", "Field required");
        }
        String role = body.text("role", 64);
        if (!DriverRoutes.ROLES.contains(role)) {
            throw ApiException.badRequest("Invalid role: " + role);
        }
        return db.tx(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM auth.users WHERE id = ? FOR UPDATE", userId)) {
                throw ApiException.notFound("User not found");
            }
            Sql.text(c, "SELECT pg_advisory_xact_lock(?)::text", ROLE_CHANGE_LOCK);
            if (!role.equals(Principal.ADMIN) && isLastAdmin(c, userId)) {
                throw ApiException.badRequest("Cannot remove the role of the last admin");
            }
            setRole(c, userId, role);
            return Reply.message("Role assigned successfully");
        });
    }

    private static boolean isLastAdmin(Connection c, UUID userId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM user_roles WHERE user_id = ? AND role = 'admin'", userId)
                && !Sql.exists(c, "SELECT 1 FROM user_roles WHERE user_id <> ? AND role = 'admin'", userId);
    }

    /** Updates the user's first role row and drops any extra ones (old data may have several). */
    private static void setRole(Connection c, UUID userId, String role) throws SQLException {
        List<Map<String, Object>> rows = Sql.rows(c,
                "SELECT id FROM user_roles WHERE user_id = ? ORDER BY created_at, id FOR UPDATE", userId);
        if (rows.isEmpty()) {
            Sql.update(c, "INSERT INTO user_roles (user_id, role) VALUES (?, ?::app_role)", userId, role);
            return;
        }
        UUID keep = (UUID) rows.get(0).get("id");
        Sql.update(c, "DELETE FROM user_roles WHERE user_id = ? AND id <> ?", userId, keep);
        Sql.update(c, "UPDATE user_roles SET role = ?::app_role WHERE id = ?", role, keep);
    }
}
