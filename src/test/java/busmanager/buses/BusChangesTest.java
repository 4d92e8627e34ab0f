package busmanager.buses;

import static busmanager.testing.ApiServer.body;
import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static busmanager.testing.FleetAsserts.isNumber;
import static busmanager.testing.FleetAsserts.namesField;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PUT and DELETE /buses/{bus_id} (api.md §3.4, §3.5). */
class BusChangesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    private static UUID createBus(String admin, Map<String, Object> fields) {
        Map<String, Object> b = body("registration_number",
                "KA" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        b.putAll(fields);
        Res r = api.post("/buses", admin, b);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    private static UUID karnataka() {
        return api.sqlUuid("SELECT id FROM indian_states WHERE state_code = 'KA'");
    }

    @Test
    void updateChangesOnlyTheFieldsSent() {
        String admin = api.newAdmin();
        UUID id = createBus(admin, Map.of("bus_name", "Before", "capacity", 30, "insurance_expiry", "2026-01-01",
                "monthly_tax_amount", 500));
        String createdUpdatedAt = api.get("/buses/" + id, admin).json().get("updated_at").asText();

        Res r = api.put("/buses/" + id, admin, body("bus_name", "After", "last_tax_paid_date", "2025-03-01",
                "next_tax_due_date", "2025-04-14", "status", "maintenance"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode bus = r.json();
        hasExactlyKeys(bus, BusRoutesTest.BUS_FULL);
        assertThat(bus.get("bus_name").asText()).isEqualTo("After");
        assertThat(bus.get("capacity").asInt()).isEqualTo(30);
        assertThat(bus.get("insurance_expiry").asText()).isEqualTo("2026-01-01");
        assertThat(bus.get("status").asText()).isEqualTo("maintenance");
        assertThat(bus.get("last_tax_paid_date").asText()).isEqualTo("2025-03-01");
        assertThat(bus.get("next_tax_due_date").asText()).isEqualTo("2025-04-14");
        isNumber(bus.get("monthly_tax_amount"), 500);
        assertThat(bus.get("updated_at").asText()).isNotEqualTo(createdUpdatedAt);

        // The form sends null for a zero tax; explicit nulls clear nullable columns.
        JsonNode cleared = api.put("/buses/" + id, admin, body("monthly_tax_amount", null, "tax_due_day", null,
                "insurance_expiry", null, "bus_name", null, "home_state_id", "")).json();
        isNumber(cleared.get("monthly_tax_amount"), 0);
        assertThat(cleared.get("tax_due_day").isNull()).isTrue();
        assertThat(cleared.get("insurance_expiry").isNull()).isTrue();
        assertThat(cleared.get("bus_name").isNull()).isTrue();
        Map<String, Object> row = api.sqlRows("SELECT capacity, status::text AS s, bus_name FROM buses WHERE id = ?",
                id).get(0);
        assertThat(row.get("capacity")).isEqualTo(30);
        assertThat(row.get("s")).isEqualTo("maintenance");
        assertThat(row.get("bus_name")).isNull();
    }

    @Test
    void updateChecksOwnershipAgainstTheStoredRow() {
        String admin = api.newAdmin();
        UUID id = createBus(admin, Map.of("ownership_type", "partnership", "partner_name", "Ravi",
                "company_profit_share", 70, "partner_profit_share", 30));
        Res badSum = api.put("/buses/" + id, admin, body("company_profit_share", 80));
        assertThat(badSum.status()).isEqualTo(400);
        assertThat(badSum.detail()).isEqualTo("Company and partner profit shares must add up to 100");
        Res noName = api.put("/buses/" + id, admin, body("partner_name", ""));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.detail()).isEqualTo("Partner name is required for partnership buses");
        JsonNode shifted = api.put("/buses/" + id, admin, body("company_profit_share", 80,
                "partner_profit_share", 20)).json();
        isNumber(shifted.get("company_profit_share"), 80);

        // Becoming owned clears the partner and restores 100/0 without the form having to send them.
        JsonNode owned = api.put("/buses/" + id, admin, body("ownership_type", "owned")).json();
        assertThat(owned.get("ownership_type").asText()).isEqualTo("owned");
        assertThat(owned.get("partner_name").isNull()).isTrue();
        isNumber(owned.get("company_profit_share"), 100);
        isNumber(owned.get("partner_profit_share"), 0);
        Res ownedShare = api.put("/buses/" + id, admin, body("partner_profit_share", 10));
        assertThat(ownedShare.status()).isEqualTo(400);
        assertThat(api.sqlValue("SELECT partner_name FROM buses WHERE id = ?", id)).isNull();
    }

    @Test
    void oldRowsBreakingTheShareRulesCanStillBeEdited() {
        String admin = api.newAdmin();
        UUID id = createBus(admin, Map.of());
        api.sqlUpdate("UPDATE buses SET ownership_type = 'partnership', partner_name = NULL, "
                + "company_profit_share = 50, partner_profit_share = 40 WHERE id = ?", id);
        Res rename = api.put("/buses/" + id, admin, body("bus_name", "Legacy", "puc_expiry", "2026-05-01"));
        assertThat(rename.status()).as("%s", rename).isEqualTo(200);
        isNumber(rename.json().get("company_profit_share"), 50);
        Res shares = api.put("/buses/" + id, admin, body("partner_profit_share", 50));
        assertThat(shares.status()).isEqualTo(400);
        assertThat(shares.detail()).isEqualTo("Partner name is required for partnership buses");
        Res fixed = api.put("/buses/" + id, admin, body("partner_name", "Kumar", "partner_profit_share", 50));
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.json().get("partner_name").asText()).isEqualTo("Kumar");
    }

    @Test
    void updateErrors() {
        String admin = api.newAdmin();
        UUID id = createBus(admin, Map.of());
        Res missing = api.put("/buses/" + UUID.randomUUID(), admin, body("bus_name", "x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Bus not found");
        assertThat(api.put("/buses/nope", admin, body("bus_name", "x")).status()).isEqualTo(404);
        namesField(api.put("/buses/" + id, admin, body("registration_number", null)), "registration_number");
        namesField(api.put("/buses/" + id, admin, body("capacity", null)), "capacity");
        namesField(api.put("/buses/" + id, admin, body("status", null)), "status");
        namesField(api.put("/buses/" + id, admin, body("ownership_type", null)), "ownership_type");
        namesField(api.put("/buses/" + id, admin, body("home_state_id", UUID.randomUUID().toString())),
                "home_state_id");
        namesField(api.put("/buses/" + id, admin, body("tax_due_day", 0)), "tax_due_day");
        JsonNode unchanged = api.put("/buses/" + id, admin, Map.of()).json();
        assertThat(unchanged.get("id").asText()).isEqualTo(id.toString());
    }

    @Test
    void deleteKeepsHistoryAndRemovesSchedulesAndTaxRecords() {
        String admin = api.newAdmin();
        UUID bus = createBus(admin, Map.of("registration_number", "KA05DEL001", "bus_name", "Doomed"));
        UUID ka = karnataka();
        UUID route = api.sqlUuid("INSERT INTO routes (route_name, from_state_id, to_state_id) VALUES ('A - B', ?, ?) "
                + "RETURNING id", ka, ka);
        UUID schedule = api.sqlUuid("INSERT INTO bus_schedules (bus_id, route_id, departure_time, arrival_time) "
                + "VALUES (?, ?, '22:00', '06:00') RETURNING id", bus, route);
        UUID generated = api.sqlUuid("INSERT INTO trips (trip_number, bus_id, route_id, schedule_id, start_date, "
                + "bus_name_snapshot) VALUES ('TRP1', ?, ?, ?, now(), 'Doomed') RETURNING id", bus, route, schedule);
        UUID manual = api.sqlUuid("INSERT INTO trips (trip_number, bus_id, route_id, start_date, bus_name_snapshot) "
                + "VALUES ('TRP2', ?, ?, now(), 'Doomed') RETURNING id", bus, route);
        UUID invoice = api.sqlUuid("INSERT INTO invoices (invoice_number, customer_name, bus_id) "
                + "VALUES ('INV-DEL-1', 'C', ?) RETURNING id", bus);
        UUID org = api.sqlUuid("INSERT INTO repair_organizations (org_code, org_name) VALUES ('RODEL1', 'W') "
                + "RETURNING id");
        UUID repair = api.sqlUuid("INSERT INTO repair_records (repair_number, organization_id, bus_id, "
                + "bus_registration, repair_type, description) VALUES ('RPR1', ?, ?, 'KA05DEL001', 'repair', 'x') "
                + "RETURNING id", org, bus);
        api.sqlUpdate("INSERT INTO bus_tax_records (bus_id, tax_period_start, tax_period_end, due_date, amount) "
                + "VALUES (?, '2025-01-01', '2025-01-31', '2025-01-15', 1000)", bus);

        Res r = api.delete("/buses/" + bus, admin);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        hasExactlyKeys(r.json(), "message");
        assertThat(r.json().get("message").asText()).isEqualTo("Bus deleted successfully");

        assertThat(api.sqlValue("SELECT count(*) FROM buses WHERE id = ?", bus)).isEqualTo(0L);
        for (UUID trip : List.of(generated, manual)) {
            Map<String, Object> row = api.sqlRows("SELECT bus_id, schedule_id, bus_name_snapshot FROM trips "
                    + "WHERE id = ?", trip).get(0);
            assertThat(row.get("bus_id")).isNull();
            assertThat(row.get("schedule_id")).isNull();
            assertThat(row.get("bus_name_snapshot")).isEqualTo("Doomed");
        }
        assertThat(api.sqlValue("SELECT bus_id FROM invoices WHERE id = ?", invoice)).isNull();
        assertThat(api.sqlRows("SELECT bus_id, bus_registration FROM repair_records WHERE id = ?", repair).get(0))
                .containsEntry("bus_id", null).containsEntry("bus_registration", "KA05DEL001");
        assertThat(api.sqlValue("SELECT count(*) FROM bus_schedules WHERE id = ?", schedule)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM bus_tax_records WHERE bus_id = ?", bus)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM routes WHERE id = ?", route)).isEqualTo(1L);

        Res again = api.delete("/buses/" + bus, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Bus not found");
        assertThat(api.delete("/buses/xyz", admin).status()).isEqualTo(404);
    }

    @Test
    void aReferenceTheDeleteFlowDoesNotKnowIsAConflictNotA500() {
        String admin = api.newAdmin();
        UUID bus = createBus(admin, Map.of());
        api.sqlUpdate("CREATE TABLE IF NOT EXISTS bus_notes (bus_id uuid NOT NULL REFERENCES buses (id))");
        api.sqlUpdate("INSERT INTO bus_notes (bus_id) VALUES (?)", bus);
        UUID route = api.sqlUuid("INSERT INTO routes (route_name, from_state_id, to_state_id) "
                + "SELECT 'K', id, id FROM indian_states LIMIT 1 RETURNING id");
        UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, bus_id, route_id, start_date) "
                + "VALUES ('TRP-K', ?, ?, now()) RETURNING id", bus, route);
        Res r = api.delete("/buses/" + bus, admin);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.detail()).isEqualTo("Cannot delete bus: other records still reference it");
        // Rolled back as a whole: the trip still has its bus.
        assertThat(api.sqlValue("SELECT bus_id FROM trips WHERE id = ?", trip)).isEqualTo(bus);
        assertThat(api.sqlValue("SELECT count(*) FROM buses WHERE id = ?", bus)).isEqualTo(1L);
    }
}
