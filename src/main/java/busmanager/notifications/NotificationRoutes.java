package busmanager.notifications;

import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.db.Where;
import busmanager.http.ApiException;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The bell (api.md §16). Every query is bound to the caller's auth user id (token {@code sub}), so another
 * user's notification is simply not found.
 */
public final class NotificationRoutes {
    /** The bell asks for 20; without {@code limit} the newest 50 come back. */
    static final int DEFAULT_LIMIT = 50;
    private static final String NOT_FOUND = "Notification not found";

    private final Database db;

    public NotificationRoutes(Database db) {
        this.db = db;
    }

    public Reply list(Request req) {
        Where where = new Where().always("n.user_id = ?", req.user().userId());
        if (Boolean.TRUE.equals(req.query().bool("unread_only"))) {
            where.always("NOT n.read");
        }
        String page = Where.page(req.query().limit(DEFAULT_LIMIT), req.query().offset());
        return db.list(Notifications.JSON + where.sql() + " ORDER BY n.created_at DESC, n.id" + page,
                where.params());
    }

    public Reply markRead(Request req) throws SQLException {
        UUID id = req.pathId("notification_id", NOT_FOUND);
        int changed = db.tx(c -> Sql.update(c,
                "UPDATE notifications SET read = true WHERE id = ? AND user_id = ?", id, req.user().userId()));
        if (changed == 0) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.message("Notification marked as read");
    }

    public Reply markAllRead(Request req) throws SQLException {
        db.tx(c -> Sql.update(c, "UPDATE notifications SET read = true WHERE user_id = ? AND NOT read",
                req.user().userId()));
        return Reply.message("All notifications marked as read");
    }

    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("notification_id", NOT_FOUND);
        int deleted = db.tx(c -> Sql.update(c, "DELETE FROM notifications WHERE id = ? AND user_id = ?", id,
                req.user().userId()));
        if (deleted == 0) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.message("Notification deleted");
    }
}
