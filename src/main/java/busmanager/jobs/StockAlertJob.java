package busmanager.jobs;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stock items at or below their own low-stock threshold (jobs.md §2.1), to the admins' bell and by e-mail. */
final class StockAlertJob {
    private static final AdminAlerts.Kind KIND = new AdminAlerts.Kind(
            "Low Stock Alert",
            n -> n + " stock item" + (n == 1 ? " is" : "s are") + " at or below the alert level",
            "/admin/stock",
            n -> "🚨 Low Stock Alert: " + n + " item(s) need attention",
            "Low Stock Alert",
            "These items are at or below their low-stock threshold:",
            List.of("Item Name", "Current Stock", "Threshold"),
            "Please restock them soon.");

    private final Database db;
    private final AdminAlerts alerts;
    private final java.time.ZoneId zone;

    StockAlertJob(Deps deps) {
        this.db = deps.db();
        this.alerts = new AdminAlerts(deps);
        this.zone = deps.config().businessZone();
    }

    Map<String, Object> run(Instant at) throws SQLException {
        LocalDate day = LocalDate.ofInstant(at, zone);
        List<AdminAlerts.Alert> low = db.read(c -> Sql.rows(c, """
                SELECT id, item_name, quantity, COALESCE(NULLIF(unit, ''), 'units') AS unit, low_stock_threshold
                FROM stock_items WHERE quantity <= low_stock_threshold ORDER BY item_name, id"""))
                .stream().map(r -> {
                    String stock = r.get("quantity") + " " + r.get("unit");
                    String threshold = r.get("low_stock_threshold") + " " + r.get("unit");
                    return new AdminAlerts.Alert("low-stock:" + r.get("id"),
                            r.get("item_name") + " " + stock + " (alert at " + threshold + ")",
                            List.of((String) r.get("item_name"), stock, threshold));
                }).toList();
        AdminAlerts.Outcome o = alerts.announce(day, low, KIND);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("lowStockCount", low.size());
        result.put("notificationsSent", o.notified());
        result.put("emailQueued", o.emailQueued());
        return result;
    }
}
