package busmanager.jobs;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.mail.AlertEmail;
import busmanager.notifications.Notifications;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Papers expiring within {@code expiry_alert_days} (setting, default 30) or already expired — insurance, PUC
 * and fitness of active buses, and driving licences — the same list the admin dashboard shows (domain.md
 * §6.3). Admins get them in the bell and by e-mail; each licence holder also gets a note about their own.
 */
final class ExpiryAlertJob {
    static final int DEFAULT_DAYS = 30;

    private final Database db;
    private final AdminAlerts alerts;
    private final ZoneId zone;

    ExpiryAlertJob(Deps deps) {
        this.db = deps.db();
        this.alerts = new AdminAlerts(deps);
        this.zone = deps.config().businessZone();
    }

    Map<String, Object> run(Instant at) throws SQLException {
        LocalDate today = LocalDate.ofInstant(at, zone);
        int days = AdminAlerts.intSetting(db, "expiry_alert_days", DEFAULT_DAYS);
        LocalDate until = today.plusDays(days);
        List<Map<String, Object>> papers = db.read(c -> Sql.rows(c, """
                SELECT 'bus:' || b.id || ':' || d.kind || ':' || d.expiry AS key, d.kind AS document,
                       b.registration_number || COALESCE(' (' || NULLIF(b.bus_name, '') || ')', '') AS holder,
                       d.expiry, NULL::uuid AS user_id
                FROM buses b
                CROSS JOIN LATERAL (VALUES ('Insurance', b.insurance_expiry), ('PUC', b.puc_expiry),
                                           ('Fitness', b.fitness_expiry)) AS d(kind, expiry)
                WHERE b.status = 'active' AND d.expiry IS NOT NULL AND d.expiry <= ?
                UNION ALL
                SELECT 'licence:' || p.id || ':' || p.license_expiry, 'Driving licence',
                       p.full_name || COALESCE(' (' || NULLIF(p.license_number, '') || ')', ''),
                       p.license_expiry, p.user_id
                FROM profiles p
                WHERE p.license_expiry IS NOT NULL AND p.license_expiry <= ?
                ORDER BY expiry, holder""", until, until));
        List<AdminAlerts.Alert> busPapers = new ArrayList<>();
        List<AdminAlerts.Alert> licences = new ArrayList<>();
        int driverNotes = 0;
        for (Map<String, Object> r : papers) {
            LocalDate expiry = (LocalDate) r.get("expiry");
            long left = ChronoUnit.DAYS.between(today, expiry);
            String state = left < 0 ? "expired on " + AlertEmail.date(expiry)
                    : left == 0 ? "expires today" : "expires on " + AlertEmail.date(expiry) + " (in " + left
                    + " day" + (left == 1 ? "" : "s") + ")";
            String key = "expiry:" + r.get("key");
            AdminAlerts.Alert alert = new AdminAlerts.Alert(key, r.get("document") + " of " + r.get("holder") + " "
                    + state, List.of((String) r.get("holder"), (String) r.get("document"), AlertEmail.date(expiry),
                    left < 0 ? "Expired " + -left + " day(s) ago" : "Expires in " + left + " day(s)"));
            if (r.get("user_id") == null) {
                busPapers.add(alert);
            } else {
                licences.add(alert);
                String title = left < 0 ? "Driving Licence Expired" : "Driving Licence Expiring";
                if (alerts.notifyUser(today, key + ":holder", new Notifications.Notice((UUID) r.get("user_id"), title,
                        "Your driving licence " + state + ". Please renew it and update your profile.", "warning",
                        null))) {
                    driverNotes++;
                }
            }
        }
        AdminAlerts.Outcome forBuses = alerts.announce(today, busPapers, busKind(days));
        AdminAlerts.Outcome forLicences = alerts.announce(today, licences, licenceKind(days));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("alertDays", days);
        result.put("busDocumentCount", busPapers.size());
        result.put("licenceCount", licences.size());
        result.put("notificationsSent", forBuses.notified() + forLicences.notified() + driverNotes);
        result.put("emailQueued", forBuses.emailQueued() || forLicences.emailQueued());
        return result;
    }

    private static AdminAlerts.Kind busKind(int days) {
        return new AdminAlerts.Kind(
                "Bus Documents Expiring",
                n -> n + " bus document" + (n == 1 ? "" : "s") + " expired or expiring within " + days + " days",
                "/admin/buses",
                n -> "📄 Document Expiry Alert: " + n + " bus document(s) need renewal",
                "Bus Document Expiry Alert",
                "Insurance, PUC and fitness certificates of active buses expired or expiring within " + days
                        + " days:",
                List.of("Bus", "Document", "Expiry Date", "Status"),
                "Please renew them before the bus runs without valid papers.");
    }

    private static AdminAlerts.Kind licenceKind(int days) {
        return new AdminAlerts.Kind(
                "Driving Licences Expiring",
                n -> n + " driving licence" + (n == 1 ? "" : "s") + " expired or expiring within " + days + " days",
                null,
                n -> "🪪 Licence Expiry Alert: " + n + " driving licence(s) need renewal",
                "Driving Licence Expiry Alert",
                "Driving licences expired or expiring within " + days + " days:",
                List.of("Driver", "Document", "Expiry Date", "Status"),
                "Please make sure these drivers renew their licences.");
    }
}
