package busmanager.notifications;

import busmanager.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The record of which alert went to whom on which day (table notification_log). Claiming inserts the row in
 * the caller's transaction; only the transaction that inserts it may send, so an event reaches a recipient at
 * most once a day, however many runs or instances race for it.
 */
public final class NotificationLog {
    /** The recipient key used for the alert e-mail (one message to all configured addresses). */
    public static final String EMAIL = "email";

    private NotificationLog() {
    }

    /** True when this call recorded the event for the recipient and day (send it), false when already sent. */
    public static boolean claim(Connection c, String eventKey, LocalDate day, String recipient) throws SQLException {
        return Sql.update(c, "INSERT INTO notification_log (event_key, day, recipient) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", eventKey, day, recipient) == 1;
    }

    /** Forgets entries older than the given day (the table only needs recent days). */
    public static int prune(Connection c, LocalDate before) throws SQLException {
        return Sql.update(c, "DELETE FROM notification_log WHERE day < ?", before);
    }
}
