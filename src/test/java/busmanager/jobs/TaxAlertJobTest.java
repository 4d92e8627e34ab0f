package busmanager.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Road tax due soon or overdue (jobs.md §2.2 plus overdue ones), once per payment and day. */
class TaxAlertJobTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-03-10T01:30:00Z")));
    static JobWorld w;

    @BeforeAll
    static void setUp() {
        w = new JobWorld(api);
    }

    @Test
    void dueSoonAndOverdueFromBusesAndTaxRecords() throws Exception {
        UUID soon = w.fx().bus("KA01TAX001", "Tax soon");
        UUID late = w.fx().bus("KA01TAX002", "Tax late");
        UUID far = w.fx().bus("KA01TAX003", null);
        UUID resting = w.fx().bus("KA01TAX004", "In the garage");
        api.sqlUpdate("UPDATE buses SET next_tax_due_date = '2025-03-13', monthly_tax_amount = 1234567.5 "
                + "WHERE id = ?", soon);
        api.sqlUpdate("UPDATE buses SET next_tax_due_date = '2025-03-08' WHERE id = ?", late);
        api.sqlUpdate("UPDATE buses SET next_tax_due_date = '2025-03-20' WHERE id = ?", far);
        api.sqlUpdate("UPDATE buses SET next_tax_due_date = '2025-03-11', status = 'maintenance' WHERE id = ?",
                resting);
        api.sqlUpdate("INSERT INTO bus_tax_records (bus_id, tax_period_start, tax_period_end, due_date, amount, "
                + "status) VALUES (?, '2025-03-01', '2025-03-31', '2025-03-11', 5000, 'pending'), "
                + "(?, '2025-02-01', '2025-02-28', '2025-03-11', 5000, 'paid')", far, far);

        Map<String, Object> r = w.run("tax-alerts", "2025-03-10T07:00");
        assertThat(r.get("alertDays")).isEqualTo(7);
        assertThat(r.get("upcomingTaxCount")).isEqualTo(2);
        assertThat(r.get("overdueTaxCount")).isEqualTo(1);
        assertThat(r.get("notificationsSent")).isEqualTo(w.admins());
        List<Map<String, Object>> mine = w.notes(w.adminUser(), "Road Tax Due");
        assertThat(mine).hasSize(1);
        assertThat((String) mine.get(0).get("message"))
                .startsWith("3 road tax payments are due within 7 days or overdue")
                .contains("KA01TAX002 overdue since 08/03/2025")
                .contains("KA01TAX001 due 13/03/2025 (₹12,34,567.50)")
                .contains("KA01TAX003 due 11/03/2025 (₹5,000.00)")
                .doesNotContain("KA01TAX004");
        assertThat(mine.get(0).get("link")).isEqualTo("/admin/buses");

        assertThat(w.run("tax-alerts", "2025-03-10T19:00").get("notificationsSent")).isEqualTo(0);

        w.setting("tax_alert_days", "12");
        Map<String, Object> wider = w.run("tax-alerts", "2025-03-11T07:00");
        assertThat(wider.get("alertDays")).isEqualTo(12);
        assertThat(wider.get("upcomingTaxCount")).isEqualTo(3); // the bus due on the 20th joins
        assertThat((String) w.notes(w.adminUser(), "Road Tax Due").get(1).get("message"))
                .contains("KA01TAX003 due 20/03/2025", "KA01TAX003 due today");
        w.setting("tax_alert_days", "not a number");
        assertThat(w.run("tax-alerts", "2025-03-12T07:00").get("alertDays")).isEqualTo(7);
    }
}
