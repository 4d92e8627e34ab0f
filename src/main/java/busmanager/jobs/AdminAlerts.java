package busmanager.jobs;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.mail.AlertEmail;
import busmanager.mail.AlertMailer;
import busmanager.mail.MailMessage;
import busmanager.notifications.NotificationLog;
import busmanager.notifications.Notifications;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the findings of an alert job: one bell notification per admin listing what is new for that admin
 * today, and one e-mail listing what was not mailed today. Each (event, day, recipient) is claimed in
 * notification_log in the same transaction as the notification, so nothing is announced twice a day.
 */
final class AdminAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAlerts.class);
    private static final int LINES_IN_BELL = 5;

    private final Database db;
    private final Notifications notifications;
    private final AlertMailer mailer;

    AdminAlerts(Deps deps) {
        this.db = deps.db();
        this.notifications = deps.notifications();
        this.mailer = deps.mailer();
    }

    /** One finding: a stable key (what it is about, and the date it concerns), a line for the bell, e-mail cells. */
    record Alert(String key, String line, List<String> cells) {
    }

    /** How a kind of finding is announced; {@code summary} and {@code subject} get the number of findings. */
    record Kind(String title, IntFunction<String> summary, String link, IntFunction<String> subject, String heading,
                String intro, List<String> columns, String closing) {
    }

    /** What was sent: notifications written, and whether an e-mail was queued. */
    record Outcome(int notified, boolean emailQueued) {
    }

    Outcome announce(LocalDate day, List<Alert> alerts, Kind kind) throws SQLException {
        if (alerts.isEmpty()) {
            return new Outcome(0, false);
        }
        List<Notifications.Sent> sent = new ArrayList<>();
        List<Alert> toMail = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        db.tx(c -> {
            sent.clear();
            toMail.clear();
            for (UUID admin : adminUserIds(c)) {
                List<Alert> fresh = claimed(c, alerts, day, admin.toString());
                if (!fresh.isEmpty()) {
                    sent.add(notifications.insert(c, new Notifications.Notice(admin, kind.title(),
                            bellMessage(kind, fresh), "warning", kind.link())));
                }
            }
            if (mailer.enabled()) {
                recipients.addAll(mailer.recipients(Sql.text(c,
                        "SELECT value FROM admin_settings WHERE key = 'admin_alert_email'")));
                if (!recipients.isEmpty()) {
                    toMail.addAll(claimed(c, alerts, day, NotificationLog.EMAIL));
                }
            }
            return null;
        });
        notifications.published(sent);
        boolean queued = false;
        if (!toMail.isEmpty()) {
            String html = AlertEmail.html(kind.heading(), kind.intro(), kind.columns(),
                    toMail.stream().map(Alert::cells).toList(), kind.closing());
            queued = mailer.queue(new MailMessage(recipients, kind.subject().apply(toMail.size()), html));
        } else if (mailer.enabled() && recipients.isEmpty()) {
            LOG.info("{}: no alert e-mail address configured (ALERT_EMAIL_TO or setting admin_alert_email)",
                    kind.title());
        }
        return new Outcome(sent.size(), queued);
    }

    /** A notification to one user (e.g. a driver about their own licence), at most once per event and day. */
    boolean notifyUser(LocalDate day, String key, Notifications.Notice notice) throws SQLException {
        Notifications.Sent sent = db.tx(c -> NotificationLog.claim(c, key, day, notice.userId().toString())
                ? notifications.insert(c, notice) : null);
        if (sent == null) {
            return false;
        }
        notifications.published(List.of(sent));
        return true;
    }

    private static List<Alert> claimed(Connection c, List<Alert> alerts, LocalDate day, String recipient)
            throws SQLException {
        List<Alert> fresh = new ArrayList<>();
        for (Alert a : alerts) {
            if (NotificationLog.claim(c, a.key(), day, recipient)) {
                fresh.add(a);
            }
        }
        return fresh;
    }

    private static String bellMessage(Kind kind, List<Alert> fresh) {
        StringBuilder m = new StringBuilder(kind.summary().apply(fresh.size())).append(": ");
        for (int i = 0; i < Math.min(LINES_IN_BELL, fresh.size()); i++) {
            m.append(i == 0 ? "" : "; ").append(fresh.get(i).line());
        }
        if (fresh.size() > LINES_IN_BELL) {
            m.append("; and ").append(fresh.size() - LINES_IN_BELL).append(" more");
        }
        return m.append('.').toString();
    }

    /** Every admin's auth user id, in a fixed order (so concurrent runs claim in the same order). */
    static List<UUID> adminUserIds(Connection c) throws SQLException {
        return Sql.rows(c, "SELECT DISTINCT r.user_id FROM user_roles r JOIN auth.users u ON u.id = r.user_id "
                + "WHERE r.role = 'admin' ORDER BY r.user_id").stream().map(r -> (UUID) r.get("user_id")).toList();
    }

    /** A whole-number setting (e.g. tax_alert_days); the default when missing or not a number 0..365. */
    static int intSetting(Database db, String key, int fallback) throws SQLException {
        String raw = db.one("SELECT value FROM admin_settings WHERE key = ?", key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 0 && value <= 365) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the default
        }
        LOG.warn("Setting {} = '{}' is not a number of days 0..365; using {}", key, raw, fallback);
        return fallback;
    }
}
