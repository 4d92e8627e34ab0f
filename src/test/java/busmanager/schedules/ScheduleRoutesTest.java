package busmanager.schedules;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScheduleRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static Fixtures fx;
    static String admin;
    static Fixtures.Driver driver;
    static UUID bus;
    static UUID route;

    @BeforeAll
    static void setUp() {
        fx = new Fixtures(api);
        admin = api.newAdmin();
        driver = fx.driver("Ravi Kumar");
        bus = fx.bus("KA01AB1234", "Volvo Sleeper");
        route = fx.route("Bengaluru - Chennai");
    }

    private static Map<String, Object> valid() {
        return body("bus_id", bus.toString(), "route_id", route.toString(), "days_of_week",
                List.of("monday", "friday"), "departure_time", "22:00", "arrival_time", "06:00");
    }

    private static Map<String, Object> with(Object... more) {
        Map<String, Object> b = valid();
        b.putAll(body(more));
        return b;
    }

    private static String create(Object... more) {
        Res r = api.post("/schedules", admin, with(more));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private static void assert422(Res r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.body()).contains(field);
    }

    @Test
    void createReturnsTheWholeScheduleAndStoresIt() {
        Res r = api.post("/schedules", admin, with("driver_id", driver.profileId().toString(),
                "departure_time", "21:30:45", "arrival_time", "05:15:59", "is_two_way", true,
                "return_departure_time", "09:00", "return_arrival_time", "17:30", "notes", "Night service",
                "days_of_week", List.of("sunday", "monday", "monday")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json();
        for (String key : List.of("id", "bus_id", "route_id", "driver_id", "days_of_week", "departure_time",
                "arrival_time", "is_two_way", "return_departure_time", "return_arrival_time", "is_active", "notes",
                "is_overnight", "arrival_next_day", "turnaround_hours", "bus", "route", "driver", "created_at",
                "updated_at")) {
            assertThat(s.has(key)).as(key).isTrue();
        }
        assertThat(s.get("departure_time").asText()).isEqualTo("21:30:00");
        assertThat(s.get("arrival_time").asText()).isEqualTo("05:15:00");
        assertThat(s.get("return_departure_time").asText()).isEqualTo("09:00:00");
        assertThat(s.get("days_of_week").toString()).isEqualTo("[\"monday\",\"sunday\"]");
        assertThat(s.get("is_overnight").asBoolean()).isTrue();
        assertThat(s.get("arrival_next_day").asBoolean()).isFalse();
        assertThat(s.get("turnaround_hours").asDouble()).isEqualTo(3.0);
        assertThat(s.get("is_active").asBoolean()).isTrue();
        assertThat(s.get("bus").get("registration_number").asText()).isEqualTo("KA01AB1234");
        assertThat(s.get("bus").get("bus_name").asText()).isEqualTo("Volvo Sleeper");
        assertThat(s.get("route").get("route_name").asText()).isEqualTo("Bengaluru - Chennai");
        assertThat(s.get("driver").get("full_name").asText()).isEqualTo("Ravi Kumar");
        assertThat(s.get("created_at").asText()).endsWith("+00:00");

        UUID id = UUID.fromString(s.get("id").asText());
        Map<String, Object> row = api.sqlRows("SELECT departure_time::text AS dep, is_overnight, driver_id, notes "
                + "FROM bus_schedules WHERE id = ?", id).get(0);
        assertThat(row.get("dep")).isEqualTo("21:30:00");
        assertThat(row.get("is_overnight")).isEqualTo(true);
        assertThat(row.get("driver_id")).isEqualTo(driver.profileId());
        assertThat(row.get("notes")).isEqualTo("Night service");
    }

    @Test
    void defaultsOfAMinimalBody() {
        Res r = api.post("/schedules", admin, body("bus_id", bus.toString(), "route_id", route.toString(),
                "departure_time", "08:00", "arrival_time", "14:00", "driver_id", ""));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("days_of_week").size()).isZero();
        assertThat(s.get("is_two_way").asBoolean()).isTrue();
        assertThat(s.get("is_overnight").asBoolean()).isFalse();
        assertThat(s.get("driver_id").isNull()).isTrue();
        assertThat(s.get("driver").isNull()).isTrue();
        assertThat(s.get("return_departure_time").isNull()).isTrue();
        assertThat(s.get("notes").isNull()).isTrue();
        Res explicit = api.post("/schedules", admin, with("is_overnight", false, "turnaround_hours", 0,
                "is_active", false, "is_two_way", false));
        assertThat(explicit.json().get("is_overnight").asBoolean()).isFalse();
        assertThat(explicit.json().get("turnaround_hours").asDouble()).isZero();
        assertThat(explicit.json().get("is_active").asBoolean()).isFalse();
        assertThat(explicit.json().get("is_two_way").asBoolean()).isFalse();
    }

    @Test
    void badBodiesAre422NamingTheField() {
        int before = ((Number) api.sqlValue("SELECT count(*) FROM bus_schedules")).intValue();
        Map<String, Object> noBus = valid();
        noBus.remove("bus_id");
        assert422(api.post("/schedules", admin, noBus), "bus_id");
        Map<String, Object> noDeparture = valid();
        noDeparture.remove("departure_time");
        assert422(api.post("/schedules", admin, noDeparture), "departure_time");
        assert422(api.post("/schedules", admin, with("days_of_week", List.of("Monday"))), "days_of_week");
        assert422(api.post("/schedules", admin, with("days_of_week", List.of("funday"))), "days_of_week");
        assert422(api.post("/schedules", admin, with("days_of_week", "monday")), "days_of_week");
        assert422(api.post("/schedules", admin, with("days_of_week", List.of(1))), "days_of_week");
        assert422(api.post("/schedules", admin, with("departure_time", "25:00")), "departure_time");
        assert422(api.post("/schedules", admin, with("arrival_time", "6pm")), "arrival_time");
        assert422(api.post("/schedules", admin, with("bus_id", "not-a-uuid")), "bus_id");
        assert422(api.post("/schedules", admin, with("is_two_way", "perhaps")), "is_two_way");
        assert422(api.post("/schedules", admin, with("turnaround_hours", -1)), "turnaround_hours");
        assert422(api.post("/schedules", admin, with("notes", "x".repeat(2001))), "notes");

        Res unknownBus = api.post("/schedules", admin, with("bus_id", UUID.randomUUID().toString()));
        assert422(unknownBus, "bus_id");
        assertThat(unknownBus.detail()).contains("Bus not found");
        assert422(api.post("/schedules", admin, with("route_id", UUID.randomUUID().toString())), "route_id");
        assert422(api.post("/schedules", admin, with("driver_id", UUID.randomUUID().toString())), "driver_id");
        assertThat(((Number) api.sqlValue("SELECT count(*) FROM bus_schedules")).intValue()).isEqualTo(before);
    }

    @Test
    void rolesAndAuthentication() {
        String id = create();
        Res byDriver = api.post("/schedules", driver.token(), valid());
        assertThat(byDriver.status()).isEqualTo(403);
        assertThat(byDriver.detail()).isEqualTo("Admin access required");
        assertThat(api.put("/schedules/" + id, driver.token(), body("notes", "x")).status()).isEqualTo(403);
        assertThat(api.delete("/schedules/" + id, driver.token()).status()).isEqualTo(403);
        assertThat(api.post("/schedules/generate-trips", driver.token(), Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/schedules", null).status()).isEqualTo(401);
        assertThat(api.post("/schedules", null, valid()).status()).isEqualTo(401);
        // Reading is open to every signed-in role.
        assertThat(api.get("/schedules", driver.token()).status()).isEqualTo(200);
        assertThat(api.get("/schedules/" + id, driver.token()).status()).isEqualTo(200);
        assertThat(api.get("/schedules", api.newRepairOrgUser()).status()).isEqualTo(200);
    }

    @Test
    void getOneAndNotFound() {
        String id = create("notes", "get-one");
        Res r = api.get("/schedules/" + id, admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("notes").asText()).isEqualTo("get-one");
        assertThat(api.get("/schedules/" + UUID.randomUUID(), admin).detail()).isEqualTo("Schedule not found");
        Res malformed = api.get("/schedules/123", admin);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.detail()).isEqualTo("Schedule not found");
    }

    @Test
    void listFiltersAndOrder() {
        UUID otherBus = fx.bus("KA05ZZ0001", "Filter bus");
        String late = create("bus_id", otherBus.toString(), "departure_time", "23:00", "arrival_time", "07:00");
        String early = create("bus_id", otherBus.toString(), "departure_time", "05:00", "arrival_time", "09:00");
        String off = create("bus_id", otherBus.toString(), "departure_time", "12:00", "arrival_time", "16:00",
                "is_active", false);
        JsonNode all = api.get("/schedules?bus_id=" + otherBus, admin).json();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("id").asText()).isEqualTo(early);
        assertThat(all.get(1).get("id").asText()).isEqualTo(off);
        assertThat(all.get(2).get("id").asText()).isEqualTo(late);
        JsonNode active = api.get("/schedules?bus_id=" + otherBus + "&is_active=true", admin).json();
        assertThat(active).hasSize(2);
        JsonNode inactive = api.get("/schedules?bus_id=" + otherBus + "&is_active=0", admin).json();
        assertThat(inactive).hasSize(1);
        assertThat(inactive.get(0).get("id").asText()).isEqualTo(off);
        assertThat(api.get("/schedules?is_active=maybe", admin).status()).isEqualTo(422);
        assertThat(api.get("/schedules?bus_id=nope", admin).status()).isEqualTo(422);
    }

    @Test
    void updateIsPartialAndValidated() {
        String id = create("driver_id", driver.profileId().toString(), "return_departure_time", "09:00",
                "return_arrival_time", "17:00", "notes", "keep");
        Res r = api.put("/schedules/" + id, admin, body("departure_time", "04:00:00", "driver_id", null,
                "return_departure_time", null, "return_arrival_time", null, "days_of_week",
                List.of("saturday", "tuesday")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("departure_time").asText()).isEqualTo("04:00:00");
        assertThat(s.get("arrival_time").asText()).isEqualTo("06:00:00");
        assertThat(s.get("is_overnight").asBoolean()).isFalse(); // follows the new times
        assertThat(s.get("driver_id").isNull()).isTrue();
        assertThat(s.get("return_departure_time").isNull()).isTrue();
        assertThat(s.get("notes").asText()).isEqualTo("keep");
        assertThat(s.get("days_of_week").toString()).isEqualTo("[\"tuesday\",\"saturday\"]");
        // The UI echoes every field back, times with seconds.
        JsonNode echoed = api.put("/schedules/" + id, admin, body("departure_time", "04:00:00", "arrival_time",
                "06:00:00", "is_overnight", true, "turnaround_hours", 2.5, "is_active", false)).json();
        assertThat(echoed.get("is_overnight").asBoolean()).isTrue();
        assertThat(echoed.get("turnaround_hours").asDouble()).isEqualTo(2.5);
        assertThat(echoed.get("is_active").asBoolean()).isFalse();

        assert422(api.put("/schedules/" + id, admin, body("bus_id", null)), "bus_id");
        assert422(api.put("/schedules/" + id, admin, body("bus_id", "")), "bus_id");
        assert422(api.put("/schedules/" + id, admin, body("departure_time", null)), "departure_time");
        assert422(api.put("/schedules/" + id, admin, body("route_id", UUID.randomUUID().toString())), "route_id");
        assert422(api.put("/schedules/" + id, admin, body("driver_id", UUID.randomUUID().toString())), "driver_id");
        assert422(api.put("/schedules/" + id, admin, body("days_of_week", List.of("sun"))), "days_of_week");
        assertThat(api.sqlValue("SELECT departure_time::text FROM bus_schedules WHERE id = ?::uuid", id))
                .isEqualTo("04:00:00");
        assertThat(api.put("/schedules/" + UUID.randomUUID(), admin, body("notes", "x")).detail())
                .isEqualTo("Schedule not found");
        assertThat(api.put("/schedules/zzz", admin, body("notes", "x")).status()).isEqualTo(404);
        assertThat(api.put("/schedules/" + id, admin, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void deleteKeepsTheTripsWithoutSchedule() {
        UUID id = UUID.fromString(create());
        UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, route_id, schedule_id, start_date, trip_date) "
                + "VALUES ('TRPDEL1', ?, ?, now(), current_date) RETURNING id", route, id);
        Res r = api.delete("/schedules/" + id, admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Schedule deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM bus_schedules WHERE id = ?", id)).isEqualTo(0L);
        assertThat(api.sqlRows("SELECT schedule_id FROM trips WHERE id = ?", trip).get(0).get("schedule_id"))
                .isNull();
        assertThat(api.delete("/schedules/" + id, admin).detail()).isEqualTo("Schedule not found");
        assertThat(api.delete("/schedules/bad", admin).status()).isEqualTo(404);
    }
}
