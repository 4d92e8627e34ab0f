package busmanager.busroutes;

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

class BusRouteRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    static final String[] ROUTE = {"id", "route_name", "from_state_id", "to_state_id", "from_address", "to_address",
        "distance_km", "estimated_duration_hours", "from_state", "to_state", "created_at", "updated_at"};

    private static UUID state(String code) {
        return api.sqlUuid("SELECT id FROM indian_states WHERE state_code = ?", code);
    }

    private static UUID createRoute(String admin, String name) {
        Res r = api.post("/routes", admin, body("route_name", name, "from_state_id", state("KA").toString(),
                "to_state_id", state("TN").toString()));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    @Test
    void createReturnsRouteWithStates() {
        String admin = api.newAdmin();
        Res r = api.post("/routes", admin, body("route_name", "Bengaluru - Chennai", "from_state_id",
                state("KA").toString(), "to_state_id", state("TN").toString(), "from_address", "Majestic",
                "to_address", "Koyambedu", "distance_km", 346.5, "estimated_duration_hours", 7, "extra", 1));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode route = r.json();
        hasExactlyKeys(route, ROUTE);
        assertThat(route.get("route_name").asText()).isEqualTo("Bengaluru - Chennai");
        isNumber(route.get("distance_km"), 346.5);
        isNumber(route.get("estimated_duration_hours"), 7);
        assertThat(route.get("from_address").asText()).isEqualTo("Majestic");
        hasExactlyKeys(route.get("from_state"), "id", "state_name", "state_code");
        assertThat(route.get("from_state").get("state_name").asText()).isEqualTo("Karnataka");
        assertThat(route.get("to_state").get("state_code").asText()).isEqualTo("TN");
        assertThat(route.get("to_state_id").asText()).isEqualTo(state("TN").toString());
        isTimestamp(route.get("created_at"));
        isTimestamp(route.get("updated_at"));
        Map<String, Object> row = api.sqlRows("SELECT route_name, distance_km, to_address FROM routes WHERE id = ?",
                UUID.fromString(route.get("id").asText())).get(0);
        assertThat(row.get("route_name")).isEqualTo("Bengaluru - Chennai");
        assertThat((BigDecimal) row.get("distance_km")).isEqualByComparingTo("346.5");
        assertThat(row.get("to_address")).isEqualTo("Koyambedu");
    }

    @Test
    void optionalFieldsDefaultToNullAndZeroStaysZero() {
        String admin = api.newAdmin();
        JsonNode bare = api.post("/routes", admin, body("route_name", "Short hop", "from_state_id",
                state("KA").toString(), "to_state_id", state("KA").toString(), "distance_km", "")).json();
        assertThat(bare.get("distance_km").isNull()).isTrue();
        assertThat(bare.get("estimated_duration_hours").isNull()).isTrue();
        assertThat(bare.get("from_address").isNull()).isTrue();
        JsonNode zero = api.post("/routes", admin, body("route_name", "Depot loop", "from_state_id",
                state("KA").toString(), "to_state_id", state("KA").toString(), "distance_km", 0)).json();
        isNumber(zero.get("distance_km"), 0);
    }

    @Test
    void invalidInputIsRefused() {
        String admin = api.newAdmin();
        String ka = state("KA").toString();
        long before = (Long) api.sqlValue("SELECT count(*) FROM routes");
        namesField(api.post("/routes", admin, body("from_state_id", ka, "to_state_id", ka)), "route_name");
        namesField(api.post("/routes", admin, body("route_name", " ", "from_state_id", ka, "to_state_id", ka)),
                "route_name");
        namesField(api.post("/routes", admin, body("route_name", "R", "to_state_id", ka)), "from_state_id");
        namesField(api.post("/routes", admin, body("route_name", "R", "from_state_id", "", "to_state_id", ka)),
                "from_state_id");
        namesField(api.post("/routes", admin, body("route_name", "R", "from_state_id", ka, "to_state_id", "x")),
                "to_state_id");
        Res unknown = api.post("/routes", admin, body("route_name", "R", "from_state_id", ka, "to_state_id",
                UUID.randomUUID().toString()));
        namesField(unknown, "to_state_id");
        namesField(api.post("/routes", admin, body("route_name", "R", "from_state_id", ka, "to_state_id", ka,
                "distance_km", "far")), "distance_km");
        namesField(api.post("/routes", admin, body("route_name", "R", "from_state_id", ka, "to_state_id", ka,
                "distance_km", -5)), "distance_km");
        namesField(api.post("/routes", admin, body("route_name", "R".repeat(201), "from_state_id", ka,
                "to_state_id", ka)), "route_name");
        assertThat(api.sqlValue("SELECT count(*) FROM routes")).isEqualTo(before);
    }

    @Test
    void everyRoleReadsOnlyAdminsWrite() {
        String admin = api.newAdmin();
        UUID id = createRoute(admin, "Mysuru - Madurai");
        createRoute(admin, "Alappuzha - Salem");
        for (String token : List.of(admin, api.newDriver(), api.newRepairOrgUser())) {
            JsonNode list = api.get("/routes", token).json();
            List<String> names = new ArrayList<>();
            list.forEach(r -> {
                hasExactlyKeys(r, ROUTE);
                names.add(r.get("route_name").asText());
            });
            assertThat(names).isSorted().contains("Mysuru - Madurai", "Alappuzha - Salem");
            JsonNode one = api.get("/routes/" + id, token).json();
            hasExactlyKeys(one, ROUTE);
            assertThat(one.get("route_name").asText()).isEqualTo("Mysuru - Madurai");
        }
        for (String token : List.of(api.newDriver(), api.newRepairOrgUser())) {
            Res post = api.post("/routes", token, body("route_name", "X", "from_state_id", state("KA").toString(),
                    "to_state_id", state("KA").toString()));
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.detail()).isEqualTo("Admin access required");
            assertThat(api.put("/routes/" + id, token, body("route_name", "Y")).status()).isEqualTo(403);
            assertThat(api.delete("/routes/" + id, token).status()).isEqualTo(403);
        }
        assertThat(api.get("/routes", null).status()).isEqualTo(401);
        assertThat(api.sqlValue("SELECT route_name FROM routes WHERE id = ?", id)).isEqualTo("Mysuru - Madurai");

        Res missing = api.get("/routes/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Route not found");
        assertThat(api.get("/routes/bad-id", admin).detail()).isEqualTo("Route not found");
    }

    @Test
    void updateIsPartial() {
        String admin = api.newAdmin();
        UUID id = createRoute(admin, "Hubli - Goa");
        api.put("/routes/" + id, admin, body("distance_km", 160, "from_address", "Old stand"));
        Res r = api.put("/routes/" + id, admin, body("route_name", "Hubballi - Panaji", "to_state_id",
                state("GA").toString(), "from_address", null));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode route = r.json();
        assertThat(route.get("route_name").asText()).isEqualTo("Hubballi - Panaji");
        assertThat(route.get("to_state").get("state_name").asText()).isEqualTo("Goa");
        assertThat(route.get("from_state").get("state_code").asText()).isEqualTo("KA");
        isNumber(route.get("distance_km"), 160);
        assertThat(route.get("from_address").isNull()).isTrue();
        assertThat(api.sqlValue("SELECT to_state_id FROM routes WHERE id = ?", id)).isEqualTo(state("GA"));

        namesField(api.put("/routes/" + id, admin, body("from_state_id", "")), "from_state_id");
        namesField(api.put("/routes/" + id, admin, body("to_state_id", null)), "to_state_id");
        namesField(api.put("/routes/" + id, admin, body("route_name", null)), "route_name");
        namesField(api.put("/routes/" + id, admin, body("from_state_id", UUID.randomUUID().toString())),
                "from_state_id");
        Res missing = api.put("/routes/" + UUID.randomUUID(), admin, body("route_name", "x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Route not found");
        assertThat(api.sqlValue("SELECT route_name FROM routes WHERE id = ?", id)).isEqualTo("Hubballi - Panaji");
    }

    @Test
    void deleteIsRefusedWhileTripsUseTheRoute() {
        String admin = api.newAdmin();
        UUID id = createRoute(admin, "Busy - Route");
        api.sqlUpdate("INSERT INTO trips (trip_number, route_id, start_date) VALUES ('T1', ?, now()), "
                + "('T2', ?, now())", id, id);
        Res r = api.delete("/routes/" + id, admin);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.detail()).isEqualTo("Cannot delete route: it is used by 2 trip(s)");
        assertThat(api.sqlValue("SELECT count(*) FROM routes WHERE id = ?", id)).isEqualTo(1L);
    }

    @Test
    void deleteRemovesSchedulesThenTheRoute() {
        String admin = api.newAdmin();
        UUID id = createRoute(admin, "Quiet - Route");
        UUID other = createRoute(admin, "Other - Route");
        UUID bus = api.sqlUuid("INSERT INTO buses (registration_number) VALUES ('KA01R') RETURNING id");
        UUID schedule = api.sqlUuid("INSERT INTO bus_schedules (bus_id, route_id, departure_time, arrival_time) "
                + "VALUES (?, ?, '08:00', '12:00') RETURNING id", bus, id);
        // A trip of another route that still names the schedule (its route was edited later) survives.
        UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, route_id, schedule_id, start_date) "
                + "VALUES ('T3', ?, ?, now()) RETURNING id", other, schedule);

        Res r = api.delete("/routes/" + id, admin);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Route deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM routes WHERE id = ?", id)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM bus_schedules WHERE id = ?", schedule)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT schedule_id FROM trips WHERE id = ?", trip)).isNull();
        assertThat(api.sqlValue("SELECT count(*) FROM buses WHERE id = ?", bus)).isEqualTo(1L);

        Res again = api.delete("/routes/" + id, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Route not found");
        assertThat(api.delete("/routes/nope", admin).status()).isEqualTo(404);
    }
}
