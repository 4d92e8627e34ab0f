package busmanager;

import busmanager.auth.Jwt;
import busmanager.config.Config;
import busmanager.db.Database;
import busmanager.mail.AlertMailer;
import busmanager.notifications.NotificationHub;
import busmanager.notifications.Notifications;
import java.time.Clock;
import java.time.LocalDate;

/**
 * What the features are built from, made once in {@link App}: besides config, pool, tokens and clock, the hub
 * of live notification streams and the background alert mailer.
 */
public record Deps(Config config, Database db, Jwt jwt, Clock clock, NotificationHub hub, AlertMailer mailer) {
    /** Today in the business time zone (Asia/Kolkata by default): the default date of new records. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.businessZone()));
    }

    /** Writing in-app notifications that also reach the live streams. */
    public Notifications notifications() {
        return new Notifications(db, hub);
    }
}
