package busmanager.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.schedules.Fixtures;
import busmanager.testing.ApiServer;
import busmanager.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Insurance, PUC, fitness and driving licence expiry (domain.md §6.3), once per paper and day. */
class ExpiryAlertJobTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-04-01T01:30:00Z")));
    static JobWorld w;

    @BeforeAll
    static void setUp() {
        w = new JobWorld(api);
    }

    @Test
    void busPapersAndLicencesToAdminsAndToTheHolder() throws Exception {
        UUID bus = w.fx().bus("KA01EXP001", "Papers");
        UUID garage = w.fx().bus("KA01EXP002", "Garage");
        api.sqlUpdate("UPDATE buses SET insurance_expiry = '2025-04-11', puc_expiry = '2025-03-31', "
                + "fitness_expiry = '2025-05-20' WHERE id = ?", bus);
        api.sqlUpdate("UPDATE buses SET insurance_expiry = '2025-04-05', status = 'inactive' WHERE id = ?",
                garage);
        Fixtures.Driver holder = w.fx().driver("Licence Holder");
        api.sqlUpdate("UPDATE profiles SET license_expiry = '2025-04-06', license_number = 'KA-DL-42' "
                + "WHERE id = ?", holder.profileId());

        Map<String, Object> r = w.run("expiry-alerts", "2025-04-01T07:00");
        assertThat(r.get("alertDays")).isEqualTo(30);
        assertThat(r.get("busDocumentCount")).isEqualTo(2);
        assertThat(r.get("licenceCount")).isEqualTo(1);
        assertThat(r.get("notificationsSent")).isEqualTo(w.admins() * 2 + 1);
        List<Map<String, Object>> papers = w.notes(w.adminUser(), "Bus Documents Expiring");
        assertThat(papers).hasSize(1);
        assertThat((String) papers.get(0).get("message"))
                .contains("PUC of KA01EXP001 (Papers) expired on 31/03/2025")
                .contains("Insurance of KA01EXP001 (Papers) expires on 11/04/2025 (in 10 days)")
                .doesNotContain("Fitness").doesNotContain("KA01EXP002");
        assertThat(papers.get(0).get("link")).isEqualTo("/admin/buses");
        assertThat((String) w.notes(w.adminUser(), "Driving Licences Expiring").get(0).get("message"))
                .contains("Driving licence of Licence Holder (KA-DL-42) expires on 06/04/2025 (in 5 days)");
        List<Map<String, Object>> own = w.notes(holder.userId(), "Driving Licence Expiring");
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("message")).isEqualTo("Your driving licence expires on 06/04/2025 (in 5 days)."
                + " Please renew it and update your profile.");
        assertThat(w.notes(w.bystander().userId(), "Driving Licence Expiring")).isEmpty();

        assertThat(w.run("expiry-alerts", "2025-04-01T12:00").get("notificationsSent")).isEqualTo(0);

        w.setting("expiry_alert_days", "60");
        Map<String, Object> wider = w.run("expiry-alerts", "2025-04-02T07:00");
        assertThat(wider.get("busDocumentCount")).isEqualTo(3);
        assertThat(w.notes(holder.userId(), "Driving Licence Expiring")).hasSize(2);
        w.setting("expiry_alert_days", "30");
    }
}
