package busmanager.jobs;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.mail.AlertEmail;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Road tax due within {@code tax_alert_days} (setting, default 7) or already overdue (jobs.md §2.2, plus the
 * overdue ones): active buses by {@code next_tax_due_date}, and pending/overdue {@code bus_tax_records}.
 */
final class TaxAlertJob {
    static final int DEFAULT_DAYS = 7;

    private final Database db;
    private final AdminAlerts alerts;
    private final ZoneId zone;

    TaxAlertJob(Deps deps) {
        this.db = deps.db();
        this.alerts = new AdminAlerts(deps);
        this.zone = deps.config().businessZone();
    }

    Map<String, Object> run(Instant at) throws SQLException {
        LocalDate today = LocalDate.ofInstant(at, zone);
        int days = AdminAlerts.intSetting(db, "tax_alert_days", DEFAULT_DAYS);
        LocalDate until = today.plusDays(days);
        List<Map<String, Object>> rows = db.read(c -> Sql.rows(c, """
                SELECT 'bus:' || b.id || ':' || b.next_tax_due_date AS key, b.registration_number, b.bus_name,
                       b.next_tax_due_date AS due_date, b.monthly_tax_amount AS amount
                FROM buses b
                WHERE b.status = 'active' AND b.next_tax_due_date IS NOT NULL AND b.next_tax_due_date <= ?
                UNION ALL
                SELECT 'record:' || t.id, b.registration_number, b.bus_name, t.due_date, t.amount
                FROM bus_tax_records t JOIN buses b ON b.id = t.bus_id
                WHERE t.status IN ('pending', 'overdue') AND t.due_date <= ?
                ORDER BY due_date, registration_number""", until, until));
        List<AdminAlerts.Alert> found = new ArrayList<>();
        int overdue = 0;
        for (Map<String, Object> r : rows) {
            LocalDate due = (LocalDate) r.get("due_date");
            long left = ChronoUnit.DAYS.between(today, due);
            overdue += left < 0 ? 1 : 0;
            String when = left < 0 ? "overdue since " + AlertEmail.date(due)
                    : left == 0 ? "due today" : "due " + AlertEmail.date(due);
            String name = r.get("bus_name") == null || r.get("bus_name").toString().isBlank() ? "-"
                    : (String) r.get("bus_name");
            String amount = AlertEmail.rupees((BigDecimal) r.get("amount"));
            found.add(new AdminAlerts.Alert("tax:" + r.get("key"),
                    r.get("registration_number") + " " + when + " (" + amount + ")",
                    List.of((String) r.get("registration_number"), name, AlertEmail.date(due), amount,
                            left < 0 ? "Overdue by " + -left + " day(s)" : left == 0 ? "Due today"
                                    : "Due in " + left + " day(s)")));
        }
        AdminAlerts.Outcome o = alerts.announce(today, found, kind(days));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("alertDays", days);
        result.put("upcomingTaxCount", found.size() - overdue);
        result.put("overdueTaxCount", overdue);
        result.put("notificationsSent", o.notified());
        result.put("emailQueued", o.emailQueued());
        return result;
    }

    private static AdminAlerts.Kind kind(int days) {
        return new AdminAlerts.Kind(
                "Road Tax Due",
                n -> n + " road tax payment" + (n == 1 ? " is" : "s are") + " due within " + days
                        + " days or overdue",
                "/admin/buses",
                n -> "📅 Tax Payment Reminder: " + n + " bus(es) due soon or overdue",
                "Upcoming Tax Payment Reminder",
                "Road tax due within the next " + days + " days, and payments already overdue:",
                List.of("Registration", "Bus Name", "Due Date", "Amount", "Status"),
                "Please pay them on time to avoid penalties.");
    }
}
