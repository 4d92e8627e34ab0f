package busmanager.trips;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** api.md §6.3–6.6: the Trip object, one trip, create, admin update, delete (lists: TripListTest). */
class TripRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static final TripFixtures fx = new TripFixtures(api);

    static final List<String> TRIP_KEYS = List.of("id", "trip_number", "bus_id", "driver_id", "schedule_id",
            "route_id", "start_date", "end_date", "trip_date", "status", "trip_type", "notes", "bus_name_snapshot",
            "driver_name_snapshot", "departure_time", "arrival_time", "return_departure_time", "return_arrival_time",
            "odometer_start", "odometer_end", "odometer_return_start", "odometer_return_end", "distance_traveled",
            "distance_return", "revenue_cash", "revenue_online", "revenue_paytm", "revenue_others", "revenue_agent",
            "total_revenue", "total_expense", "gst_percentage", "water_taken", "return_revenue_cash",
            "return_revenue_online", "return_revenue_paytm", "return_revenue_others", "return_revenue_agent",
            "return_total_revenue", "return_total_expense", "previous_trip_id", "next_trip_id", "cycle_position",
            "expected_arrival_date", "bus", "driver", "route", "created_at", "updated_at");

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void createReturnsTheFullTripWithSnapshotsAndDefaults() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID driverId = api.profileId(driver);
        UUID route = fx.route("Bengaluru - Chennai");
        UUID bus = api.sqlUuid("""
                INSERT INTO buses (registration_number, bus_name, ownership_type, partner_name, company_profit_share,
                  partner_profit_share) VALUES ('KA01AB1234', 'Night Rider', 'partnership', 'Suresh', 60, 40)
                RETURNING id""");
        String number = TripFixtures.unique("TRP");
        Res r = api.post("/trips", admin, body("trip_number", number, "route_id", route.toString(),
                "bus_id", bus.toString(), "driver_id", driverId.toString(), "schedule_id", "",
                "start_date", "2025-01-15T22:30", "departure_time", "22:30", "arrival_time", "06:15:00",
                "notes", "first run", "subtotal", 5));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(keys(t)).containsExactlyInAnyOrderElementsOf(TRIP_KEYS);
        assertThat(t.get("trip_number").asText()).isEqualTo(number);
        assertThat(t.get("start_date").asText()).startsWith("2025-01-15T22:30").endsWith("+00:00");
        assertThat(t.get("trip_date").asText()).isEqualTo("2025-01-15");
        assertThat(t.get("status").asText()).isEqualTo("scheduled");
        assertThat(t.get("trip_type").asText()).isEqualTo("one_way");
        assertThat(t.get("departure_time").asText()).isEqualTo("22:30:00");
        assertThat(t.get("arrival_time").asText()).isEqualTo("06:15:00");
        assertThat(t.get("schedule_id").isNull()).isTrue();
        assertThat(t.get("end_date").isNull()).isTrue();
        assertThat(t.get("bus_name_snapshot").asText()).isEqualTo("Night Rider");
        assertThat(t.get("driver_name_snapshot").asText()).isEqualTo("Test driver");
        for (String money : List.of("revenue_cash", "revenue_online", "revenue_paytm", "revenue_others",
                "revenue_agent", "total_revenue", "total_expense", "return_revenue_cash", "return_total_revenue",
                "return_total_expense")) {
            assertThat(t.get(money).isNumber()).as(money).isTrue();
            assertThat(t.get(money).decimalValue()).as(money).isEqualByComparingTo("0");
        }
        assertThat(t.get("gst_percentage").decimalValue()).isEqualByComparingTo("18");
        assertThat(t.get("distance_traveled").isNull()).isTrue();
        assertThat(t.get("cycle_position").asInt()).isEqualTo(1);
        assertThat(t.get("previous_trip_id").isNull()).isTrue();
        JsonNode b = t.get("bus");
        assertThat(b.get("registration_number").asText()).isEqualTo("KA01AB1234");
        assertThat(b.get("ownership_type").asText()).isEqualTo("partnership");
        assertThat(b.get("partner_name").asText()).isEqualTo("Suresh");
        assertThat(b.get("company_profit_share").decimalValue()).isEqualByComparingTo("60");
        assertThat(b.get("partner_profit_share").decimalValue()).isEqualByComparingTo("40");
        assertThat(t.get("driver").get("id").asText()).isEqualTo(driverId.toString());
        assertThat(t.get("driver").get("full_name").asText()).isEqualTo("Test driver");
        JsonNode rt = t.get("route");
        assertThat(keys(rt)).containsExactlyInAnyOrder("id", "route_name", "distance_km", "from_address", "to_address");
        assertThat(rt.get("distance_km").decimalValue()).isEqualByComparingTo("350");

        Map<String, Object> row = api.sqlRows("""
                SELECT notes, bus_name_snapshot, departure_time::text AS dep, trip_date, status::text AS status
                FROM trips WHERE id = ?::uuid""", t.get("id").asText()).get(0);
        assertThat(row.get("notes")).isEqualTo("first run");
        assertThat(row.get("dep")).isEqualTo("22:30:00");
        assertThat(row.get("trip_date")).isEqualTo(Date.valueOf("2025-01-15"));
        assertThat(row.get("status")).isEqualTo("scheduled");
        assertThat(api.get("/trips/" + t.get("id").asText(), admin).json()).isEqualTo(t);
    }

    @Test
    void createTakesTheUtcDayAndRegistrationWhenTheBusHasNoName() {
        String admin = api.newAdmin();
        UUID route = fx.route("Mysuru - Goa");
        UUID bus = fx.bus("KA09ZZ0001", "");
        Res r = api.post("/trips", admin, body("trip_number", TripFixtures.unique("TRP"), "route_id", route.toString(),
                "bus_id", bus.toString(), "driver_id", "", "start_date", "2025-01-16T02:00:00+05:30",
                "status", "in_progress", "trip_type", "two_way"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("start_date").asText()).startsWith("2025-01-15T20:30:00");
        assertThat(t.get("trip_date").asText()).isEqualTo("2025-01-15");
        assertThat(t.get("bus_name_snapshot").asText()).isEqualTo("KA09ZZ0001");
        assertThat(t.get("driver_id").isNull()).isTrue();
        assertThat(t.get("driver").isNull()).isTrue();
        assertThat(t.get("driver_name_snapshot").isNull()).isTrue();
        assertThat(t.get("status").asText()).isEqualTo("in_progress");
        assertThat(t.get("trip_type").asText()).isEqualTo("two_way");

        Res explicitDay = api.post("/trips", admin, body("trip_number", TripFixtures.unique("TRP"),
                "route_id", route.toString(), "start_date", "2025-01-16T02:00:00Z", "trip_date", "2025-01-17"));
        assertThat(explicitDay.json().get("trip_date").asText()).isEqualTo("2025-01-17");
    }

    @Test
    void createRefusesBadInputNamingTheField() {
        String admin = api.newAdmin();
        String route = fx.route("Pune - Nashik").toString();
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> ok = body("trip_number", "TRP-X", "route_id", route, "start_date", "2025-01-15T10:30");

        assertField(api.post("/trips", admin, without(ok, "trip_number")), 422, "trip_number");
        assertField(api.post("/trips", admin, with(ok, "trip_number", "   ")), 422, "trip_number");
        assertField(api.post("/trips", admin, with(ok, "trip_number", "T".repeat(51))), 422, "trip_number");
        assertField(api.post("/trips", admin, with(ok, "trip_number", 42)), 422, "trip_number");
        assertField(api.post("/trips", admin, with(ok, "notes", List.of("a"))), 422, "notes");
        assertField(api.post("/trips", admin, without(ok, "route_id")), 422, "route_id");
        assertField(api.post("/trips", admin, with(ok, "route_id", "")), 422, "route_id");
        assertField(api.post("/trips", admin, without(ok, "start_date")), 422, "start_date");
        assertField(api.post("/trips", admin, with(ok, "start_date", "yesterday")), 422, "start_date");
        assertField(api.post("/trips", admin, with(ok, "status", "done")), 422, "status");
        assertField(api.post("/trips", admin, with(ok, "trip_type", "round")), 422, "trip_type");
        assertField(api.post("/trips", admin, with(ok, "bus_id", "not-a-uuid")), 422, "bus_id");
        assertField(api.post("/trips", admin, with(ok, "departure_time", "25:99")), 422, "departure_time");
        assertField(api.post("/trips", admin, with(ok, "route_id", unknown)), 422, "route_id");
        assertField(api.post("/trips", admin, with(ok, "bus_id", unknown)), 422, "bus_id");
        assertField(api.post("/trips", admin, with(ok, "driver_id", unknown)), 422, "driver_id");
        assertField(api.post("/trips", admin, with(ok, "schedule_id", unknown)), 422, "schedule_id");
        assertThat(api.post("/trips", admin, "{\"trip_number\": ").status()).isEqualTo(422);
        assertThat(api.sqlValue("SELECT count(*) FROM trips WHERE trip_number LIKE 'TRP-X%' OR route_id = ?::uuid",
                route)).isEqualTo(0L);

        assertThat(api.post("/trips", admin, ok).status()).isEqualTo(200);
        Res duplicate = api.post("/trips", admin, ok);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.detail()).isEqualTo("Trip number TRP-X already exists");
    }

    @Test
    void onlyAdminsCreateAndDelete() {
        Map<String, Object> ok = body("trip_number", "TRP-R", "route_id", fx.route("R").toString(),
                "start_date", "2025-01-15T10:30");
        Res driver = api.post("/trips", api.newDriver(), ok);
        assertThat(driver.status()).isEqualTo(403);
        assertThat(driver.detail()).isEqualTo("Admin access required");
        assertThat(api.post("/trips", api.newRepairOrgUser(), ok).status()).isEqualTo(403);
        assertThat(api.post("/trips", null, ok).status()).isEqualTo(401);
        String driverToken = api.newDriver();
        UUID own = fx.tripFor(api.profileId(driverToken));
        assertThat(api.delete("/trips/" + own, driverToken).detail()).isEqualTo("Admin access required");
        assertThat(api.delete("/trips/" + own, null).status()).isEqualTo(401);
        assertThat(api.sqlValue("SELECT count(*) FROM trips WHERE id = ?", own)).isEqualTo(1L);
    }

    @Test
    void getOneIsScoped() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID mine = fx.tripFor(api.profileId(driver));
        UUID theirs = fx.tripFor(api.profileId(api.newDriver()));
        assertThat(api.get("/trips/" + mine, driver).json().get("id").asText()).isEqualTo(mine.toString());
        assertThat(api.get("/trips/" + theirs, admin).status()).isEqualTo(200);
        Res denied = api.get("/trips/" + theirs, driver);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.detail()).isEqualTo("Access denied");
        assertThat(denied.body()).doesNotContain(theirs.toString());
        assertThat(api.get("/trips/" + mine, api.newRepairOrgUser()).status()).isEqualTo(403);
        Res missing = api.get("/trips/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Trip not found");
        assertThat(api.get("/trips/not-a-uuid", admin).detail()).isEqualTo("Trip not found");
    }

    @Test
    void storedZerosAreReportedAndNullsGetTheirDefaults() {
        String admin = api.newAdmin();
        UUID trip = fx.tripFor(null);
        api.sqlUpdate("""
                UPDATE trips SET gst_percentage = 0, revenue_cash = NULL, total_expense = NULL, odometer_start = 0,
                  odometer_end = 0, water_taken = NULL, return_total_revenue = NULL WHERE id = ?""", trip);
        JsonNode t = api.get("/trips/" + trip, admin).json();
        assertThat(t.get("gst_percentage").decimalValue()).isEqualByComparingTo("0");
        assertThat(t.get("revenue_cash").decimalValue()).isEqualByComparingTo("0");
        assertThat(t.get("total_expense").decimalValue()).isEqualByComparingTo("0");
        assertThat(t.get("odometer_start").isNumber()).isTrue();
        assertThat(t.get("distance_traveled").decimalValue()).isEqualByComparingTo("0");
        assertThat(t.get("water_taken").isNull()).isTrue();
        api.sqlUpdate("UPDATE trips SET gst_percentage = NULL WHERE id = ?", trip);
        assertThat(api.get("/trips/" + trip, admin).json().get("gst_percentage").decimalValue())
                .isEqualByComparingTo("18");
    }

    @Test
    void adminUpdatesEveryFieldTheScreensSend() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID trip = fx.tripFor(null);
        UUID route = fx.route("Hubballi - Belagavi");
        UUID bus = fx.bus("KA25NB0001", "Day Liner");
        Res r = api.put("/trips/" + trip, admin, body("trip_number", "TRP-EDITED", "route_id", route.toString(),
                "bus_id", bus.toString(), "driver_id", api.profileId(driver).toString(),
                "start_date", "2025-02-01T06:00", "end_date", "2025-02-01T12:45", "trip_date", "2025-02-01",
                "status", "completed", "trip_type", "two_way", "notes", "edited",
                "departure_time", "06:00", "arrival_time", "12:45", "return_departure_time", "15:00",
                "return_arrival_time", "21:30", "odometer_start", 1000, "odometer_end", 1250.5,
                "odometer_return_start", 1250.5, "odometer_return_end", 1500, "revenue_cash", 1000,
                "revenue_online", 2500.75, "revenue_paytm", 0, "revenue_others", 10, "revenue_agent", 5,
                "gst_percentage", 5, "return_total_expense", 7, "water_taken", 0,
                "total_revenue", 1, "distance_traveled", 2, "id", UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("id").asText()).isEqualTo(trip.toString());
        assertThat(t.get("trip_number").asText()).isEqualTo("TRP-EDITED");
        assertThat(t.get("route").get("route_name").asText()).isEqualTo("Hubballi - Belagavi");
        assertThat(t.get("start_date").asText()).startsWith("2025-02-01T06:00:00");
        assertThat(t.get("end_date").asText()).startsWith("2025-02-01T12:45:00");
        assertThat(t.get("trip_date").asText()).isEqualTo("2025-02-01");
        assertThat(t.get("status").asText()).isEqualTo("completed");
        assertThat(t.get("trip_type").asText()).isEqualTo("two_way");
        assertThat(t.get("return_arrival_time").asText()).isEqualTo("21:30:00");
        assertThat(t.get("distance_traveled").decimalValue()).isEqualByComparingTo("250.5");
        assertThat(t.get("distance_return").decimalValue()).isEqualByComparingTo("249.5");
        assertThat(t.get("total_revenue").decimalValue()).isEqualByComparingTo("3515.75");
        assertThat(t.get("gst_percentage").decimalValue()).isEqualByComparingTo("5");
        assertThat(t.get("return_total_expense").decimalValue()).isEqualByComparingTo("7");
        assertThat(t.get("bus_name_snapshot").asText()).isEqualTo("Day Liner");
        assertThat(t.get("driver_name_snapshot").asText()).isEqualTo("Test driver");

        // Return revenue: the stored sum wins over a sent return_total_revenue.
        Res ret = api.put("/trips/" + trip, admin, body("return_revenue_cash", 100, "return_revenue_agent", 20.5,
                "return_total_revenue", 5));
        assertThat(ret.json().get("return_total_revenue").decimalValue()).isEqualByComparingTo("120.5");
        Res more = api.put("/trips/" + trip, admin, body("return_revenue_online", 9.5));
        assertThat(more.json().get("return_total_revenue").decimalValue()).isEqualByComparingTo("130");
        Res alone = api.put("/trips/" + trip, admin, body("return_total_revenue", 42));
        assertThat(alone.json().get("return_total_revenue").decimalValue()).isEqualByComparingTo("42");
        assertThat(api.sqlValue("SELECT return_total_revenue FROM trips WHERE id = ?", trip))
                .isEqualTo(new BigDecimal("42"));
    }

    @Test
    void snapshotsFollowBusAndDriverChangesOnly() {
        String admin = api.newAdmin();
        UUID trip = fx.tripFor(null);
        UUID bus = fx.bus("KA51SN0001", "Snap One");
        api.put("/trips/" + trip, admin, body("bus_id", bus.toString()));
        api.sqlUpdate("UPDATE buses SET bus_name = 'Renamed' WHERE id = ?", bus);
        // The edit form sends the same bus again: the snapshot keeps the name it had on the trip.
        JsonNode same = api.put("/trips/" + trip, admin, body("bus_id", bus.toString(), "notes", "x")).json();
        assertThat(same.get("bus_name_snapshot").asText()).isEqualTo("Snap One");
        JsonNode cleared = api.put("/trips/" + trip, admin, body("bus_id", "", "driver_id", null)).json();
        assertThat(cleared.get("bus_id").isNull()).isTrue();
        assertThat(cleared.get("bus").isNull()).isTrue();
        assertThat(cleared.get("bus_name_snapshot").asText()).isEqualTo("Snap One");
    }

    @Test
    void adminUpdateRefusesBadInput() {
        String admin = api.newAdmin();
        UUID trip = fx.tripFor(null);
        String path = "/trips/" + trip;
        String unknown = UUID.randomUUID().toString();
        assertField(api.put(path, admin, body("route_id", unknown)), 422, "route_id");
        assertField(api.put(path, admin, body("route_id", null)), 422, "route_id");
        assertField(api.put(path, admin, body("bus_id", unknown)), 422, "bus_id");
        assertField(api.put(path, admin, body("driver_id", unknown)), 422, "driver_id");
        assertField(api.put(path, admin, body("start_date", null)), 422, "start_date");
        assertField(api.put(path, admin, body("status", null)), 422, "status");
        assertField(api.put(path, admin, body("status", "paused")), 422, "status");
        assertField(api.put(path, admin, body("trip_type", "loop")), 422, "trip_type");
        assertField(api.put(path, admin, body("trip_number", "")), 422, "trip_number");
        assertField(api.put(path, admin, body("revenue_cash", "lots")), 422, "revenue_cash");
        assertField(api.put(path, admin, body("revenue_cash", -1)), 422, "revenue_cash");
        assertField(api.put(path, admin, body("gst_percentage", 101)), 422, "gst_percentage");
        assertField(api.put(path, admin, body("water_taken", 1.5)), 422, "water_taken");
        assertField(api.put(path, admin, body("water_taken", -2)), 422, "water_taken");
        assertField(api.put(path, admin, body("odometer_end", -5)), 422, "odometer_end");
        assertField(api.put(path, admin, body("notes", "n".repeat(5001))), 422, "notes");
        String existing = (String) api.sqlValue("SELECT trip_number FROM trips WHERE id = ?", fx.tripFor(null));
        assertThat(api.put(path, admin, body("trip_number", existing)).status()).isEqualTo(409);
        Map<String, Object> row = api.sqlRows("SELECT route_id, status::text AS s, notes FROM trips WHERE id = ?",
                trip).get(0);
        assertThat(row.get("s")).isEqualTo("scheduled");
        assertThat(row.get("notes")).isNull();

        Res missing = api.put("/trips/" + UUID.randomUUID(), admin, body("notes", "x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Trip not found");
        assertThat(api.put("/trips/123", admin, body("notes", "x")).detail()).isEqualTo("Trip not found");
        Res workshop = api.put(path, api.newRepairOrgUser(), body("notes", "x"));
        assertThat(workshop.status()).isEqualTo(403);
        assertThat(workshop.detail()).isEqualTo("Access denied");
        assertThat(api.put(path, null, body("notes", "x")).status()).isEqualTo(401);
    }

    @Test
    void deleteTakesExpensesAlongAndUnlinksInvoicesAndChain() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID driverId = api.profileId(driver);
        UUID trip = fx.tripFor(driverId);
        UUID previous = fx.tripFor(driverId);
        UUID next = fx.tripFor(driverId);
        api.sqlUpdate("UPDATE trips SET next_trip_id = ? WHERE id = ?", trip, previous);
        api.sqlUpdate("UPDATE trips SET previous_trip_id = ? WHERE id = ?", trip, next);
        UUID invoice = api.sqlUuid("""
                INSERT INTO invoices (invoice_number, customer_name, trip_id) VALUES (?, 'Charter Co', ?) RETURNING id""",
                TripFixtures.unique("INV"), trip);
        UUID diesel = fx.category("Diesel");
        api.sqlUpdate("""
                INSERT INTO expenses (trip_id, category_id, submitted_by, amount, status) VALUES
                  (?, ?, ?, 500, 'pending'), (?, ?, ?, 700, 'pending')""", trip, diesel, driverId, trip, diesel, driverId);
        api.sqlUpdate("UPDATE expenses SET status = 'approved' WHERE trip_id = ? AND amount = 700", trip);

        Res r = api.delete("/trips/" + trip, admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Trip deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM trips WHERE id = ?", trip)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM expenses WHERE trip_id = ?", trip)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT trip_id FROM invoices WHERE id = ?", invoice)).isNull();
        assertThat(api.sqlValue("SELECT next_trip_id FROM trips WHERE id = ?", previous)).isNull();
        assertThat(api.sqlValue("SELECT previous_trip_id FROM trips WHERE id = ?", next)).isNull();

        Res again = api.delete("/trips/" + trip, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Trip not found");
        assertThat(api.delete("/trips/nope", admin).detail()).isEqualTo("Trip not found");
    }

    static void assertField(Res r, int status, String field) {
        assertThat(r.status()).as(field + ": " + r).isEqualTo(status);
        assertThat(r.json().get("detail").get(0).get("loc").get(1).asText()).as(r.toString()).isEqualTo(field);
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(base);
        copy.remove(key);
        return copy;
    }
}
