package busmanager.notifications;

import busmanager.db.Database;
import busmanager.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Creating in-app notifications (the bell, api.md §16) and getting them onto the live streams. The row and a
 * {@code pg_notify} are written in the same transaction, so other server instances hear about it exactly when
 * it commits; this instance's own streams are fed right after the commit by {@link #published}.
 */
public final class Notifications {
    /** The Notification object of api.md §16. */
    public static final String JSON = """
            SELECT json_build_object('id', n.id, 'title', n.title, 'message', n.message, 'type', n.type,
              'read', n.read, 'link', n.link, 'created_at', n.created_at)::text
            FROM notifications n""";

    private final Database db;
    private final NotificationHub hub;

    public Notifications(Database db, NotificationHub hub) {
        this.db = db;
        this.hub = hub;
    }

    /** A notification to write; {@code userId} is the recipient's auth user id, not the profile id. */
    public record Notice(UUID userId, String title, String message, String type, String link) {
    }

    /** A written notification. */
    public record Sent(UUID id, UUID userId) {
    }

    /** Inserts in the caller's transaction. After the commit, pass the result to {@link #published}. */
    public Sent insert(Connection c, Notice n) throws SQLException {
        UUID id = Sql.uuid(c, "INSERT INTO notifications (user_id, title, message, type, link) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id", n.userId(), n.title(), n.message(),
                n.type() == null ? "info" : n.type(), n.link());
        Sql.text(c, "SELECT pg_notify(?, ?)::text", NotificationHub.CHANNEL, hub.payload(n.userId(), id));
        return new Sent(id, n.userId());
    }

    /** Pushes committed notifications to the streams open on this instance. */
    public void published(Collection<Sent> sent) {
        for (Sent s : sent) {
            hub.deliver(s.userId(), s.id());
        }
    }

    /** One notification in a transaction of its own, pushed live. */
    public Sent send(Notice n) throws SQLException {
        Sent sent = db.tx(c -> insert(c, n));
        published(List.of(sent));
        return sent;
    }
}
