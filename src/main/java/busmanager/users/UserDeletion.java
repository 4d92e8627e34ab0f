package busmanager.users;

import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * DELETE /drivers/{driver_id} (api.md §9.8), one transaction. Trips outlive their driver under the name
 * snapshot; other references are cleared; a user who submitted expenses is kept (the expenses need them).
 */
public final class UserDeletion {
    /** Nullable columns that name a profile and are cleared before the profile goes. */
    private static final String[][] PROFILE_REFERENCES = {
        {"bus_schedules", "driver_id"},
        {"expenses", "approved_by"},
        {"stock_items", "last_updated_by"},
        {"stock_transactions", "created_by"},
        {"invoice_payments", "created_by"},
        {"repair_records", "submitted_by"},
    };

    private final Database db;

    public UserDeletion(Database db) {
        this.db = db;
    }

    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("driver_id", DriverRoutes.NOT_FOUND);
        if (id.equals(req.user().profileId())) {
            throw ApiException.badRequest("You cannot delete your own account");
        }
        return db.tx(c -> {
            Map<String, Object> profile = Sql.row(c,
                    "SELECT user_id, full_name FROM profiles WHERE id = ? FOR UPDATE", id);
            if (profile == null) {
                throw ApiException.notFound(DriverRoutes.NOT_FOUND);
            }
            if (Sql.exists(c, "SELECT 1 FROM expenses WHERE submitted_by = ?", id)) {
                throw ApiException.conflict("Cannot delete a user who has submitted expenses");
            }
            Sql.update(c, "UPDATE trips SET driver_id = NULL, driver_name_snapshot = ? WHERE driver_id = ?",
                    profile.get("full_name"), id);
            for (String[] ref : PROFILE_REFERENCES) {
                Sql.update(c, "UPDATE " + ref[0] + " SET " + ref[1] + " = NULL WHERE " + ref[1] + " = ?", id);
            }
            removeLogin(c, id, (UUID) profile.get("user_id"));
            return Reply.message("Driver deleted successfully");
        });
    }

    /** Role rows, profile, then the auth user (its notifications cascade). */
    private static void removeLogin(Connection c, UUID profileId, UUID userId) throws SQLException {
        try {
            Sql.update(c, "DELETE FROM user_roles WHERE user_id = ?", userId);
            Sql.update(c, "DELETE FROM profiles WHERE id = ?", profileId);
            Sql.update(c, "DELETE FROM auth.users WHERE id = ?", userId);
        } catch (SQLException e) {
            if (Sql.isForeignKeyViolation(e)) { // a table this flow does not know still names the user
                throw ApiException.conflict("Cannot delete user: other records still reference it");
            }
            throw e;
        }
    }
}
