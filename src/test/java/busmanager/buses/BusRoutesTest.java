package busmanager.buses;

import static busmanager.testing.ApiServer.body;
import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static busmanager.testing.FleetAsserts.isNumber;
import static busmanager.testing.FleetAsserts.isTimestamp;
import static busmanager.testing.FleetAsserts.namesField;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BusRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    static final String[] BUS_FULL = {"id", "registration_number", "bus_name", "capacity", "bus_type", "status",
        "insurance_expiry", "puc_expiry", "fitness_expiry", "ownership_type", "partner_name",
        "company_profit_share", "partner_profit_share", "home_state_id", "monthly_tax_amount", "tax_due_day",
        "last_tax_paid_date", "next_tax_due_date", "home_state", "created_at", "updated_at"};
    static final String[] BUS_LIMITED = {"id", "registration_number", "bus_name", "capacity", "bus_type", "status"};

    private static String uniqueReg() {
        return "KA" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static UUID karnataka() {
        return api.sqlUuid("SELECT id FROM indian_states WHERE state_code = 'KA'");
    }

    private static UUID createBus(String admin, Map<String, Object> fields) {
        Map<String, Object> b = body("registration_number", uniqueReg());
        b.putAll(fields);
        Res r = api.post("/buses", admin, b);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    @Test
    void createWithNullTaxFieldsStoresDefaults() {
        String admin = api.newAdmin();
        String reg = uniqueReg();
        Res r = api.post("/buses", admin, body("registration_number", reg, "monthly_tax_amount", null,
                "tax_due_day", null, "unknown_key", "ignored"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode bus = r.json();
        hasExactlyKeys(bus, BUS_FULL);
        assertThat(bus.get("registration_number").asText()).isEqualTo(reg);
        assertThat(bus.get("bus_name").isNull()).isTrue();
        assertThat(bus.get("capacity").isInt()).isTrue();
        assertThat(bus.get("capacity").asInt()).isEqualTo(40);
        assertThat(bus.get("bus_type").asText()).isEqualTo("AC Sleeper");
        assertThat(bus.get("status").asText()).isEqualTo("active");
        assertThat(bus.get("ownership_type").asText()).isEqualTo("owned");
        assertThat(bus.get("partner_name").isNull()).isTrue();
        isNumber(bus.get("company_profit_share"), 100);
        isNumber(bus.get("partner_profit_share"), 0);
        isNumber(bus.get("monthly_tax_amount"), 0);
        assertThat(bus.get("tax_due_day").isInt()).isTrue();
        assertThat(bus.get("tax_due_day").asInt()).isEqualTo(1);
        for (String date : List.of("insurance_expiry", "puc_expiry", "fitness_expiry", "last_tax_paid_date",
                "next_tax_due_date", "home_state_id", "home_state")) {
            assertThat(bus.get(date).isNull()).as(date).isTrue();
        }
        isTimestamp(bus.get("created_at"));
        isTimestamp(bus.get("updated_at"));

        Map<String, Object> row = api.sqlRows("SELECT monthly_tax_amount, tax_due_day FROM buses WHERE id = ?",
                UUID.fromString(bus.get("id").asText())).get(0);
        assertThat((BigDecimal) row.get("monthly_tax_amount")).isEqualByComparingTo("0");
        assertThat(row.get("tax_due_day")).isEqualTo(1);
    }

    @Test
    void createPartnershipBusWithEveryField() {
        String admin = api.newAdmin();
        UUID state = karnataka();
        Res r = api.post("/buses", admin, body("registration_number", "  KA01AB1234  ", "bus_name", "Night Rider",
                "capacity", 36, "bus_type", "Volvo Multi-Axle", "status", "maintenance",
                "insurance_expiry", "2026-03-31", "puc_expiry", "2025-12-01", "fitness_expiry", "2027-01-15",
                "ownership_type", "partnership", "partner_name", "Suresh Travels", "company_profit_share", 60.5,
                "partner_profit_share", 39.5, "home_state_id", state.toString(), "monthly_tax_amount", 12500.75,
                "tax_due_day", 15, "last_tax_paid_date", "2025-01-14", "next_tax_due_date", "2025-02-14"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode bus = r.json();
        assertThat(bus.get("registration_number").asText()).isEqualTo("KA01AB1234");
        assertThat(bus.get("capacity").asInt()).isEqualTo(36);
        assertThat(bus.get("status").asText()).isEqualTo("maintenance");
        assertThat(bus.get("insurance_expiry").asText()).isEqualTo("2026-03-31");
        assertThat(bus.get("fitness_expiry").asText()).isEqualTo("2027-01-15");
        assertThat(bus.get("partner_name").asText()).isEqualTo("Suresh Travels");
        isNumber(bus.get("company_profit_share"), 60.5);
        isNumber(bus.get("partner_profit_share"), 39.5);
        isNumber(bus.get("monthly_tax_amount"), 12500.75);
        assertThat(bus.get("tax_due_day").asInt()).isEqualTo(15);
        assertThat(bus.get("last_tax_paid_date").asText()).isEqualTo("2025-01-14");
        assertThat(bus.get("next_tax_due_date").asText()).isEqualTo("2025-02-14");
        assertThat(bus.get("home_state_id").asText()).isEqualTo(state.toString());
        JsonNode home = bus.get("home_state");
        hasExactlyKeys(home, "id", "state_name", "state_code");
        assertThat(home.get("state_name").asText()).isEqualTo("Karnataka");
        assertThat(home.get("state_code").asText()).isEqualTo("KA");

        Map<String, Object> row = api.sqlRows("""
                SELECT ownership_type::text AS o, partner_name, company_profit_share, last_tax_paid_date::text AS l,
                       next_tax_due_date::text AS n, home_state_id
                FROM buses WHERE id = ?""", UUID.fromString(bus.get("id").asText())).get(0);
        assertThat(row.get("o")).isEqualTo("partnership");
        assertThat(row.get("partner_name")).isEqualTo("Suresh Travels");
        assertThat((BigDecimal) row.get("company_profit_share")).isEqualByComparingTo("60.5");
        assertThat(row.get("l")).isEqualTo("2025-01-14");
        assertThat(row.get("n")).isEqualTo("2025-02-14");
        assertThat(row.get("home_state_id")).isEqualTo(state);
    }

    @Test
    void emptyStringsForOptionalDatesAndIdsMeanNull() {
        String admin = api.newAdmin();
        Res r = api.post("/buses", admin, body("registration_number", uniqueReg(), "home_state_id", "",
                "insurance_expiry", "", "last_tax_paid_date", "", "next_tax_due_date", ""));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("home_state_id").isNull()).isTrue();
        assertThat(r.json().get("insurance_expiry").isNull()).isTrue();
        assertThat(r.json().get("next_tax_due_date").isNull()).isTrue();
    }

    @Test
    void ownershipRulesAreCheckedOnTheServer() {
        String admin = api.newAdmin();
        long before = (Long) api.sqlValue("SELECT count(*) FROM buses");
        Res sum = api.post("/buses", admin, body("registration_number", uniqueReg(), "ownership_type",
                "partnership", "partner_name", "P", "company_profit_share", 60, "partner_profit_share", 30));
        assertThat(sum.status()).isEqualTo(400);
        assertThat(sum.detail()).isEqualTo("Company and partner profit shares must add up to 100");

        Res noPartner = api.post("/buses", admin, body("registration_number", uniqueReg(), "ownership_type",
                "partnership", "partner_name", "  ", "company_profit_share", 50, "partner_profit_share", 50));
        assertThat(noPartner.status()).isEqualTo(400);
        assertThat(noPartner.detail()).isEqualTo("Partner name is required for partnership buses");

        Res ownedWithShare = api.post("/buses", admin, body("registration_number", uniqueReg(),
                "ownership_type", "owned", "company_profit_share", 70, "partner_profit_share", 30));
        assertThat(ownedWithShare.status()).isEqualTo(400);
        assertThat(ownedWithShare.detail()).contains("owned bus");

        Res ownedWithPartner = api.post("/buses", admin, body("registration_number", uniqueReg(),
                "partner_name", "Someone"));
        assertThat(ownedWithPartner.status()).isEqualTo(400);

        namesField(api.post("/buses", admin, body("registration_number", uniqueReg(), "ownership_type",
                "partnership", "partner_name", "P", "company_profit_share", 150, "partner_profit_share", -50)),
                "company_profit_share");
        assertThat(api.sqlValue("SELECT count(*) FROM buses")).isEqualTo(before);

        // What the form sends for an owned bus is accepted.
        Res owned = api.post("/buses", admin, body("registration_number", uniqueReg(), "ownership_type", "owned",
                "partner_name", null, "company_profit_share", 100, "partner_profit_share", 0));
        assertThat(owned.status()).isEqualTo(200);
    }

    @Test
    void invalidInputIsRefusedNamingTheField() {
        String admin = api.newAdmin();
        long before = (Long) api.sqlValue("SELECT count(*) FROM buses");
        namesField(api.post("/buses", admin, body("bus_name", "No registration")), "registration_number");
        namesField(api.post("/buses", admin, body("registration_number", "")), "registration_number");
        namesField(api.post("/buses", admin, body("registration_number", "X".repeat(51))), "registration_number");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "capacity", "many")), "capacity");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "capacity", 0)), "capacity");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "capacity", 40.5)), "capacity");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "status", "broken")), "status");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "ownership_type", "leased")),
                "ownership_type");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "tax_due_day", 31)), "tax_due_day");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "monthly_tax_amount", -1)),
                "monthly_tax_amount");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "insurance_expiry", "31/03/2026")),
                "insurance_expiry");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "home_state_id", "not-a-uuid")),
                "home_state_id");
        Res unknownState = api.post("/buses", admin, body("registration_number", "R1", "home_state_id",
                UUID.randomUUID().toString()));
        namesField(unknownState, "home_state_id");
        assertThat(unknownState.body()).contains("State not found");
        namesField(api.post("/buses", admin, body("registration_number", "R1", "bus_name", "x".repeat(201))),
                "bus_name");
        assertThat(api.post("/buses", admin, "{\"registration_number\": ").status()).isEqualTo(422);
        assertThat(api.sqlValue("SELECT count(*) FROM buses")).isEqualTo(before);
    }

    @Test
    void onlyAdminsWrite() {
        String admin = api.newAdmin();
        UUID id = createBus(admin, Map.of());
        for (String token : List.of(api.newDriver(), api.newRepairOrgUser())) {
            Res post = api.post("/buses", token, body("registration_number", uniqueReg()));
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.detail()).isEqualTo("Admin access required");
            assertThat(api.put("/buses/" + id, token, body("bus_name", "Hacked")).status()).isEqualTo(403);
            assertThat(api.delete("/buses/" + id, token).status()).isEqualTo(403);
        }
        assertThat(api.post("/buses", null, body("registration_number", uniqueReg())).status()).isEqualTo(401);
        assertThat(api.get("/buses", null).status()).isEqualTo(401);
        assertThat(api.get("/buses/" + id, "garbage").status()).isEqualTo(401);
        assertThat(api.sqlValue("SELECT bus_name FROM buses WHERE id = ?", id)).isNull();
    }

    @Test
    void listGivesAdminsEveryFieldAndOthersTheShortForm() {
        String admin = api.newAdmin();
        createBus(admin, Map.of("registration_number", "ZZ99-LIST-B", "status", "inactive"));
        createBus(admin, Map.of("registration_number", "ZZ99-LIST-A", "bus_name", "Alpha"));

        JsonNode all = api.get("/buses", admin).json();
        assertThat(all.isArray()).isTrue();
        List<String> regs = new ArrayList<>();
        all.forEach(b -> regs.add(b.get("registration_number").asText()));
        assertThat(regs).isSorted();
        assertThat(regs).containsSubsequence("ZZ99-LIST-A", "ZZ99-LIST-B");
        all.forEach(b -> hasExactlyKeys(b, BUS_FULL));

        for (String token : List.of(api.newDriver(), api.newRepairOrgUser())) {
            JsonNode limited = api.get("/buses", token).json();
            assertThat(limited.size()).isEqualTo(all.size());
            limited.forEach(b -> hasExactlyKeys(b, BUS_LIMITED));
        }

        JsonNode active = api.get("/buses?status=active", admin).json();
        active.forEach(b -> assertThat(b.get("status").asText()).isEqualTo("active"));
        assertThat(active.toString()).contains("ZZ99-LIST-A").doesNotContain("ZZ99-LIST-B");
        JsonNode inactive = api.get("/buses?status=inactive", api.newDriver()).json();
        assertThat(inactive.toString()).contains("ZZ99-LIST-B").doesNotContain("ZZ99-LIST-A");

        Res bad = api.get("/buses?status=scrapped", admin);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("status");
    }

    @Test
    void getOneByRole() {
        String admin = api.newAdmin();
        UUID id = createBus(admin, Map.of("bus_name", "Getter"));
        JsonNode full = api.get("/buses/" + id, admin).json();
        hasExactlyKeys(full, BUS_FULL);
        assertThat(full.get("bus_name").asText()).isEqualTo("Getter");
        JsonNode limited = api.get("/buses/" + id, api.newDriver()).json();
        hasExactlyKeys(limited, BUS_LIMITED);
        assertThat(limited.get("bus_name").asText()).isEqualTo("Getter");

        Res missing = api.get("/buses/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Bus not found");
        Res malformed = api.get("/buses/not-a-uuid", admin);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.detail()).isEqualTo("Bus not found");
    }

    @Test
    void storedValuesAreReportedNotReplacedByDefaults() {
        String admin = api.newAdmin();
        UUID id = createBus(admin, Map.of("ownership_type", "partnership", "partner_name", "Full Partner",
                "company_profit_share", 0, "partner_profit_share", 100));
        api.sqlUpdate("UPDATE buses SET monthly_tax_amount = NULL, tax_due_day = NULL WHERE id = ?", id);
        JsonNode bus = api.get("/buses/" + id, admin).json();
        isNumber(bus.get("company_profit_share"), 0);
        isNumber(bus.get("partner_profit_share"), 100);
        isNumber(bus.get("monthly_tax_amount"), 0);
        assertThat(bus.get("tax_due_day").isNull()).isTrue();
    }
}
