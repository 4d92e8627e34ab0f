package busmanager.jobs;

import static busmanager.jobs.JobWorld.at;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Low stock alerts (jobs.md §2.1): every admin once per item and day. */
class StockAlertJobTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-02-01T01:30:00Z")));
    static JobWorld w;

    @BeforeAll
    static void setUp() {
        w = new JobWorld(api);
    }

    @Test
    void lowItemsReachEveryAdminOncePerDay() throws Exception {
        api.sqlUpdate("UPDATE stock_items SET quantity = 1000");
        api.sqlUpdate("INSERT INTO stock_items (item_name, quantity, unit, low_stock_threshold) VALUES "
                + "('Oil filter', 2, 'pieces', 5), ('Coolant', 5, '', 5), ('Tyres', 6, 'pieces', 5)");
        Map<String, Object> r = w.run("stock-alerts", "2025-02-01T07:00");
        assertThat(r.get("lowStockCount")).isEqualTo(2);
        assertThat(r.get("notificationsSent")).isEqualTo(w.admins());
        assertThat(r.get("emailQueued")).isEqualTo(false);
        List<Map<String, Object>> mine = w.notes(w.adminUser(), "Low Stock Alert");
        assertThat(mine).hasSize(1);
        assertThat((String) mine.get(0).get("message")).startsWith("2 stock items are at or below")
                .contains("Coolant 5 units (alert at 5 units)").contains("Oil filter 2 pieces (alert at 5 pieces)")
                .doesNotContain("Tyres");
        assertThat(mine.get(0).get("type")).isEqualTo("warning");
        assertThat(mine.get(0).get("link")).isEqualTo("/admin/stock");
        assertThat(w.notes(w.bystander().userId(), "Low Stock Alert")).isEmpty();

        // Later the same day: nothing new to say.
        assertThat(w.run("stock-alerts", "2025-02-01T15:00").get("notificationsSent")).isEqualTo(0);
        assertThat(w.notes(w.adminUser(), "Low Stock Alert")).hasSize(1);

        // An item that runs low later that day is announced on its own.
        api.sqlUpdate("INSERT INTO stock_items (item_name, quantity, low_stock_threshold) VALUES "
                + "('Brake pads', 0, 2)");
        Map<String, Object> later = w.run("stock-alerts", "2025-02-01T18:00");
        assertThat(later.get("lowStockCount")).isEqualTo(3);
        assertThat(later.get("notificationsSent")).isEqualTo(w.admins());
        assertThat((String) w.notes(w.adminUser(), "Low Stock Alert").get(1).get("message"))
                .startsWith("1 stock item is").contains("Brake pads").doesNotContain("Coolant");

        // The next day everything still low is announced again.
        w.run("stock-alerts", "2025-02-02T07:00");
        assertThat((String) w.notes(w.adminUser(), "Low Stock Alert").get(2).get("message"))
                .startsWith("3 stock items").contains("Brake pads", "Coolant", "Oil filter");
    }
}
