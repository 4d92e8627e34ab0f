package busmanager.settings;

import static busmanager.testing.ApiServer.body;
import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static busmanager.testing.FleetAsserts.isTimestamp;
import static busmanager.testing.FleetAsserts.namesField;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SettingsRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    private static Map<String, Object> item(String key, Object value) {
        return body("key", key, "value", value);
    }

    @Test
    void listsSeededSettingsByKey() {
        Res r = api.get("/settings", api.newAdmin());
        assertThat(r.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode s : r.json()) {
            hasExactlyKeys(s, "id", "key", "value", "description", "created_at", "updated_at");
            assertThat(s.get("value").isTextual()).isTrue();
            isTimestamp(s.get("created_at"));
            isTimestamp(s.get("updated_at"));
            keys.add(s.get("key").asText());
        }
        assertThat(keys).isSorted().contains("company_name", "company_address", "company_gst");
    }

    @Test
    void onlyAdmins() {
        Object companyName = api.sqlValue("SELECT value FROM admin_settings WHERE key = 'company_name'");
        for (String token : List.of(api.newDriver(), api.newRepairOrgUser())) {
            Res list = api.get("/settings", token);
            assertThat(list.status()).isEqualTo(403);
            assertThat(list.detail()).isEqualTo("Admin access required");
            assertThat(api.get("/settings/gst_percentage", token).status()).isEqualTo(403);
            assertThat(api.put("/settings", token, Map.of("settings", List.of(item("company_name", "X"))))
                    .status()).isEqualTo(403);
            assertThat(api.put("/settings/company_name", token, body("value", "X")).status()).isEqualTo(403);
        }
        Res anonymous = api.get("/settings", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(api.sqlValue("SELECT value FROM admin_settings WHERE key = 'company_name'"))
                .isEqualTo(companyName);
    }

    @Test
    void getOneWithBuiltInDefaults() {
        String admin = api.newAdmin();
        JsonNode gst = api.get("/settings/gst_percentage", admin).json();
        hasExactlyKeys(gst, "id", "key", "value", "description");
        assertThat(gst.get("value").asText()).isEqualTo("18");
        assertThat(gst.get("id").isTextual()).isTrue();

        JsonNode expiry = api.get("/settings/expiry_alert_days", admin).json();
        hasExactlyKeys(expiry, "id", "key", "value", "description");
        assertThat(expiry.get("id").isNull()).isTrue();
        assertThat(expiry.get("key").asText()).isEqualTo("expiry_alert_days");
        assertThat(expiry.get("value").asText()).isEqualTo("30");
        assertThat(expiry.get("description").isNull()).isTrue();

        api.sqlUpdate("DELETE FROM admin_settings WHERE key IN ('fuel_price_per_liter', 'gst_percentage')");
        assertThat(api.get("/settings/fuel_price_per_liter", admin).json().get("value").asText()).isEqualTo("90");
        assertThat(api.get("/settings/gst_percentage", admin).json().get("value").asText()).isEqualTo("18");

        Res missing = api.get("/settings/no_such_key", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Setting not found");
    }

    @Test
    void storedValueWinsOverTheDefault() {
        String admin = api.newAdmin();
        api.put("/settings/expiry_alert_days", admin, body("value", "45"));
        JsonNode expiry = api.get("/settings/expiry_alert_days", admin).json();
        assertThat(expiry.get("value").asText()).isEqualTo("45");
        assertThat(expiry.get("id").isTextual()).isTrue();
    }

    @Test
    void bulkUpsert() {
        String admin = api.newAdmin();
        Res r = api.put("/settings", admin, Map.of("settings", List.of(
                item("company_name", "Sri Durga Travels"),
                item("company_email", "office@durga.example"),
                body("value", "no key, skipped"),
                item("", "blank key, skipped"),
                body("key", "company_phone"),
                item("fuel_price_per_liter", 94.5),
                item("company_logo_url", "/uploads/logos/company-logo.png"))));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode applied = r.json();
        assertThat(applied.size()).isEqualTo(5);
        for (JsonNode a : applied) {
            hasExactlyKeys(a, "key", "value");
        }
        assertThat(applied.get(0).get("value").asText()).isEqualTo("Sri Durga Travels");
        assertThat(applied.get(2).get("key").asText()).isEqualTo("company_phone");
        assertThat(applied.get(2).get("value").asText()).isEmpty();
        assertThat(applied.get(3).get("value").asText()).isEqualTo("94.5");

        assertThat(api.sqlValue("SELECT value FROM admin_settings WHERE key = 'company_name'"))
                .isEqualTo("Sri Durga Travels");
        assertThat(api.sqlRows("SELECT value, description FROM admin_settings WHERE key = 'company_email'").get(0))
                .containsEntry("value", "office@durga.example").containsEntry("description", null);
        assertThat(api.sqlValue("SELECT value FROM admin_settings WHERE key = 'company_phone'")).isEqualTo("");
        assertThat(api.sqlValue("SELECT description FROM admin_settings WHERE key = 'company_name'"))
                .isEqualTo("Company name for invoices and reports");
        assertThat(api.sqlValue("SELECT count(*) FROM admin_settings WHERE key = 'company_name'")).isEqualTo(1L);
    }

    @Test
    void logoUrlMustBeSafe() {
        String admin = api.newAdmin();
        api.put("/settings/company_logo_url", admin, body("value", "/uploads/logos/before.png"));
        for (String bad : List.of("javascript:alert(1)", "data:image/png;base64,AAA", "//evil.example/x.png",
                "logo.png", "/etc/passwd")) {
            Res bulk = api.put("/settings", admin, Map.of("settings", List.of(item("company_name", "Changed"),
                    item("company_logo_url", bad))));
            assertThat(bulk.status()).as(bad).isEqualTo(400);
            assertThat(bulk.detail()).contains("company_logo_url");
            assertThat(api.put("/settings/company_logo_url", admin, body("value", bad)).status()).isEqualTo(400);
        }
        // Nothing of a refused bulk save is written.
        assertThat(api.sqlValue("SELECT value FROM admin_settings WHERE key = 'company_name'"))
                .isNotEqualTo("Changed");
        assertThat(api.sqlValue("SELECT value FROM admin_settings WHERE key = 'company_logo_url'"))
                .isEqualTo("/uploads/logos/before.png");
        for (String good : List.of("", "https://cdn.example/logo.svg", "http://localhost:8000/uploads/logos/a.png",
                "/uploads/logos/company-logo.webp")) {
            assertThat(api.put("/settings/company_logo_url", admin, body("value", good)).status()).as(good)
                    .isEqualTo(200);
        }
    }

    @Test
    void putOneKey() {
        String admin = api.newAdmin();
        Res created = api.put("/settings/tax_alert_days", admin, body("value", "7", "description", "Days ahead"));
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        hasExactlyKeys(created.json(), "id", "key", "value", "description");
        assertThat(created.json().get("value").asText()).isEqualTo("7");
        assertThat(created.json().get("description").asText()).isEqualTo("Days ahead");

        JsonNode kept = api.put("/settings/tax_alert_days", admin, body("value", "10")).json();
        assertThat(kept.get("value").asText()).isEqualTo("10");
        assertThat(kept.get("description").asText()).isEqualTo("Days ahead");
        assertThat(kept.get("id").asText()).isEqualTo(created.json().get("id").asText());
        JsonNode cleared = api.put("/settings/tax_alert_days", admin, body("value", "10", "description", null))
                .json();
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(api.sqlRows("SELECT value, description FROM admin_settings WHERE key = 'tax_alert_days'"))
                .hasSize(1).first().satisfies(row -> assertThat(row).containsEntry("value", "10"));

        namesField(api.put("/settings/tax_alert_days", admin, body("description", "no value")), "value");
        namesField(api.put("/settings/tax_alert_days", admin, body("value", null)), "value");
        namesField(api.put("/settings/tax_alert_days", admin, body("value", List.of("a"))), "value");
        namesField(api.put("/settings/" + "k".repeat(101), admin, body("value", "x")), "key");
        namesField(api.put("/settings", admin, Map.of()), "settings");
        namesField(api.put("/settings", admin, Map.of("settings", "not a list")), "settings");
        namesField(api.put("/settings", admin, Map.of("settings", List.of(item("k".repeat(101), "v")))), "key");
        assertThat(api.sqlValue("SELECT value FROM admin_settings WHERE key = 'tax_alert_days'")).isEqualTo("10");
    }

    @Test
    void concurrentSavesOfANewKeyNeverFail() throws Exception {
        String admin = api.newAdmin();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String value = String.valueOf(i);
                calls.add(() -> i2(value, admin));
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.sqlValue("SELECT count(*) FROM admin_settings WHERE key = 'race_key'")).isEqualTo(1L);
        assertThat(api.sqlValue("SELECT count(*) FROM admin_settings WHERE key = 'race_bulk'")).isEqualTo(1L);
    }

    private static int i2(String value, String admin) {
        int one = api.put("/settings/race_key", admin, body("value", value)).status();
        int bulk = api.put("/settings", admin, Map.of("settings", List.of(item("race_bulk", value),
                item("race_key", value)))).status();
        return one == 200 ? bulk : one;
    }
}
