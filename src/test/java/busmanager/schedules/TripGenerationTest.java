package busmanager.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /schedules/generate-trips and the trip-generation job (domain.md §7.8). The clock stands at
 * 2025-01-14 20:00 UTC = Wednesday 2025-01-15 01:30 in Asia/Kolkata: "today" is the business date, so
 * Wednesday schedules run although it is still Tuesday in UTC.
 */
class TripGenerationTest {
    static final Instant NOW = Instant.parse("2025-01-14T20:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2025-01-15");

    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(NOW));
    static Fixtures fx;
    static String admin;
    static UUID route;

    @BeforeAll
    static void setUp() {
        fx = new Fixtures(api);
        admin = api.newAdmin();
        route = fx.route("Bengaluru - Chennai");
    }

    /** Every test starts with no active schedule and no trip in progress. */
    @BeforeEach
    void quiet() {
        api.clock().set(NOW);
        api.sqlUpdate("UPDATE bus_schedules SET is_active = false");
        api.sqlUpdate("UPDATE trips SET status = 'completed' WHERE status = 'in_progress'");
    }

    private static JsonNode generate() {
        Res r = api.post("/schedules/generate-trips", admin, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static Map<String, Object> tripOf(UUID schedule, LocalDate day) {
        List<Map<String, Object>> rows = api.sqlRows("""
                SELECT id, trip_number, bus_id, driver_id, route_id,
                  to_char(start_date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS start_utc, trip_date, expected_arrival_date,
                  status::text AS status, trip_type, bus_name_snapshot, driver_name_snapshot,
                  departure_time::text AS dep, arrival_time::text AS arr,
                  return_departure_time::text AS ret_dep, return_arrival_time::text AS ret_arr,
                  previous_trip_id, next_trip_id, cycle_position
                FROM trips WHERE schedule_id = ? AND trip_date = ?""", schedule, day);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void noScheduleForTodayAnswersTheShortForm() {
        fx.schedule(fx.bus(), route, null, List.of("tuesday"), "10:00", "16:00", false, null, null);
        JsonNode r = generate();
        assertThat(r.toString()).isEqualTo("{\"success\":true,\"schedulesProcessed\":0,\"tripsCreated\":0}");
    }

    @Test
    void createsTheTripWithEveryFieldAndTellsTheDriver() {
        Fixtures.Driver driver = fx.driver("Suresh Babu");
        UUID bus = fx.bus("KA01GEN001", "Airavat 7");
        UUID schedule = fx.schedule(bus, route, driver.profileId(), List.of("monday", "wednesday"), "22:00",
                "06:00", true, "21:30", "05:30");
        JsonNode r = generate();
        assertThat(r.get("success").asBoolean()).isTrue();
        assertThat(r.get("date").asText()).isEqualTo("2025-01-15");
        assertThat(r.get("day").asText()).isEqualTo("wednesday");
        assertThat(r.get("schedulesProcessed").asInt()).isEqualTo(1);
        assertThat(r.get("tripsCreated").asInt()).isEqualTo(1);
        assertThat(r.get("skipped").isNull()).isTrue();
        assertThat(r.get("errors").isNull()).isTrue();

        Map<String, Object> t = tripOf(schedule, TODAY);
        assertThat((String) t.get("trip_number")).matches("TRP250115\\d{3}");
        assertThat(t.get("bus_id")).isEqualTo(bus);
        assertThat(t.get("driver_id")).isEqualTo(driver.profileId());
        assertThat(t.get("route_id")).isEqualTo(route);
        assertThat(t.get("start_utc")).isEqualTo("2025-01-15T22:00");
        assertThat(t.get("expected_arrival_date").toString()).isEqualTo("2025-01-16");
        assertThat(t.get("status")).isEqualTo("scheduled");
        assertThat(t.get("trip_type")).isEqualTo("two_way");
        assertThat(t.get("bus_name_snapshot")).isEqualTo("Airavat 7");
        assertThat(t.get("driver_name_snapshot")).isEqualTo("Suresh Babu");
        assertThat(t.get("dep")).isEqualTo("22:00:00");
        assertThat(t.get("arr")).isEqualTo("06:00:00");
        assertThat(t.get("ret_dep")).isEqualTo("21:30:00");
        assertThat(t.get("ret_arr")).isEqualTo("05:30:00");
        assertThat(t.get("previous_trip_id")).isNull();
        assertThat(t.get("cycle_position")).isEqualTo(1);

        List<Map<String, Object>> notes = api.sqlRows("SELECT title, message, type, link, read FROM notifications "
                + "WHERE user_id = ?", driver.userId());
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("title")).isEqualTo("Scheduled Trip Today");
        assertThat(notes.get(0).get("message"))
                .isEqualTo("You have a scheduled trip: Bengaluru - Chennai departing at 22:00:00");
        assertThat(notes.get(0).get("type")).isEqualTo("trip_reminder");
        assertThat(notes.get(0).get("link")).isNull();
        assertThat(notes.get(0).get("read")).isEqualTo(false);
        // The driver sees it in their own bell query (auth user id, not profile id).
        assertThat(api.sqlValue("SELECT count(*) FROM notifications WHERE user_id = ?", driver.profileId()))
                .isEqualTo(0L);
    }

    @Test
    void oneWayWithoutDriverUsesRegistrationAndSameDayArrival() {
        UUID bus = api.sqlUuid("INSERT INTO buses (registration_number, bus_name) VALUES ('KA09NONAME', '') "
                + "RETURNING id");
        UUID schedule = fx.schedule(bus, route, null, List.of("wednesday"), "07:00", "13:00", false, "15:00",
                "21:00");
        long notesBefore = (Long) api.sqlValue("SELECT count(*) FROM notifications");
        assertThat(generate().get("tripsCreated").asInt()).isEqualTo(1);
        Map<String, Object> t = tripOf(schedule, TODAY);
        assertThat(t.get("trip_type")).isEqualTo("one_way");
        assertThat(t.get("ret_dep")).isNull();
        assertThat(t.get("bus_name_snapshot")).isEqualTo("KA09NONAME");
        assertThat(t.get("driver_name_snapshot")).isEqualTo("");
        assertThat(t.get("driver_id")).isNull();
        assertThat(t.get("expected_arrival_date").toString()).isEqualTo("2025-01-15");
        assertThat(api.sqlValue("SELECT count(*) FROM notifications")).isEqualTo(notesBefore);
    }

    @Test
    void linksTheChainToYesterdaysTrip() {
        UUID bus = fx.bus();
        UUID schedule = fx.schedule(bus, route, null, List.of("tuesday", "wednesday"), "09:00", "15:00", false,
                null, null);
        UUID yesterday = api.sqlUuid("INSERT INTO trips (trip_number, bus_id, route_id, schedule_id, start_date, "
                + "trip_date, status, cycle_position) VALUES ('TRP250114001', ?, ?, ?, '2025-01-14T09:00Z', "
                + "'2025-01-14', 'completed', 4) RETURNING id", bus, route, schedule);
        assertThat(generate().get("tripsCreated").asInt()).isEqualTo(1);
        Map<String, Object> t = tripOf(schedule, TODAY);
        assertThat(t.get("previous_trip_id")).isEqualTo(yesterday);
        assertThat(t.get("cycle_position")).isEqualTo(5);
        assertThat(api.sqlValue("SELECT next_trip_id FROM trips WHERE id = ?", yesterday)).isEqualTo(t.get("id"));
    }

    @Test
    void skipsBusyBusesAndDriversWithTheirMessages() {
        Fixtures.Driver busyDriver = fx.driver("Busy Driver");
        UUID busyBus = fx.bus("KA01BUSY01", "Busy bus");
        fx.trip("TRPBUSY1", busyBus, null, route, "in_progress", "2025-01-14T08:00Z");
        fx.trip("TRPBUSY2", fx.bus(), busyDriver.profileId(), route, "in_progress", "2025-01-14T08:00Z");
        UUID s1 = fx.schedule(busyBus, route, null, List.of("wednesday"), "09:00", "15:00", false, null, null);
        UUID s2 = fx.schedule(fx.bus(), route, busyDriver.profileId(), List.of("wednesday"), "10:00", "16:00",
                false, null, null);
        JsonNode r = generate();
        assertThat(r.get("schedulesProcessed").asInt()).isEqualTo(2);
        assertThat(r.get("tripsCreated").asInt()).isZero();
        assertThat(r.get("skipped").toString()).isEqualTo(
                "[\"Bus KA01BUSY01 already on active trip\",\"Driver Busy Driver already on active trip\"]");
        assertThat(r.get("errors").isNull()).isTrue();
        assertThat(api.sqlValue("SELECT count(*) FROM trips WHERE schedule_id IN (?, ?)", s1, s2)).isEqualTo(0L);
    }

    @Test
    void inactiveSchedulesAndOtherDaysAreNotCandidates() {
        UUID off = fx.schedule(fx.bus(), route, null, List.of("wednesday"), "09:00", "15:00", false, null, null);
        api.sqlUpdate("UPDATE bus_schedules SET is_active = false WHERE id = ?", off);
        // Tuesday is the UTC date of the clock, but the business day is Wednesday.
        fx.schedule(fx.bus(), route, null, List.of("tuesday", "thursday"), "09:00", "15:00", false, null, null);
        UUID on = fx.schedule(fx.bus(), route, null, List.of("wednesday"), "11:00", "15:00", false, null, null);
        JsonNode r = generate();
        assertThat(r.get("schedulesProcessed").asInt()).isEqualTo(1);
        assertThat(r.get("tripsCreated").asInt()).isEqualTo(1);
        tripOf(on, TODAY);
    }

    @Test
    void runningTwiceCreatesNothingNew() {
        UUID schedule = fx.schedule(fx.bus(), route, null, List.of("wednesday"), "12:00", "18:00", false, null,
                null);
        assertThat(generate().get("tripsCreated").asInt()).isEqualTo(1);
        JsonNode again = generate();
        assertThat(again.get("schedulesProcessed").asInt()).isEqualTo(1);
        assertThat(again.get("tripsCreated").asInt()).isZero();
        assertThat(again.get("skipped").isNull()).isTrue();
        assertThat(again.get("errors").isNull()).isTrue();
        tripOf(schedule, TODAY);
    }

    @Test
    void simultaneousCallsCreateEachTripOnce() throws Exception {
        List<UUID> schedules = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            schedules.add(fx.schedule(fx.bus(), route, fx.driver("Parallel " + i).profileId(),
                    List.of("wednesday"), String.format("%02d:00", 6 + i), "20:00", false, null, null));
        }
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Res>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return api.post("/schedules/generate-trips", admin, Map.of());
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Res> f : calls) {
                Res r = f.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(r.json().get("errors").isNull()).as(r.toString()).isTrue();
                created += r.json().get("tripsCreated").asInt();
            }
            assertThat(created).isEqualTo(schedules.size());
        } finally {
            pool.shutdownNow();
        }
        for (UUID s : schedules) {
            tripOf(s, TODAY);
        }
        assertThat(api.sqlValue("SELECT count(DISTINCT trip_number) FROM trips WHERE trip_date = ?", TODAY))
                .isEqualTo(api.sqlValue("SELECT count(*) FROM trips WHERE trip_date = ?", TODAY));
        assertThat(api.sqlValue("SELECT count(*) FROM notifications n JOIN profiles p ON p.user_id = n.user_id "
                + "WHERE p.full_name LIKE 'Parallel %'")).isEqualTo((long) schedules.size());
    }

    @Test
    void aFailedNotificationIsReportedButKeepsTheTrip() {
        Fixtures.Driver driver = fx.driver("Unlucky Driver");
        UUID schedule = fx.schedule(fx.bus(), route, driver.profileId(), List.of("wednesday"), "13:00", "19:00",
                false, null, null);
        api.sqlUpdate("""
                CREATE FUNCTION refuse_notifications() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'notifications are switched off'; END $$""");
        api.sqlUpdate("CREATE TRIGGER refuse BEFORE INSERT ON notifications FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_notifications()");
        try {
            JsonNode r = generate();
            assertThat(r.get("tripsCreated").asInt()).isEqualTo(1);
            assertThat(r.get("errors")).hasSize(1);
            assertThat(r.get("errors").get(0).asText()).startsWith("Notification for trip TRP250115")
                    .contains("notifications are switched off");
            tripOf(schedule, TODAY);
        } finally {
            api.sqlUpdate("DROP TRIGGER refuse ON notifications");
            api.sqlUpdate("DROP FUNCTION refuse_notifications()");
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithoutStackTrace() {
        fx.schedule(fx.bus(), route, null, List.of("wednesday"), "14:00", "19:00", false, null, null);
        api.sqlUpdate("ALTER TABLE bus_schedules RENAME TO bus_schedules_away");
        try {
            Res r = api.post("/schedules/generate-trips", admin, Map.of());
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.detail()).startsWith("Trip generation failed: ").contains("bus_schedules")
                    .doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        } finally {
            api.sqlUpdate("ALTER TABLE bus_schedules_away RENAME TO bus_schedules");
        }
    }

    @Test
    void theDailyJobFollowsTheSameRulesOncePerSlot() throws Exception {
        UUID schedule = fx.schedule(fx.bus(), route, null, List.of("thursday"), "08:00", "14:00", false, null,
                null);
        // 2025-01-16 00:05 in Kolkata is Thursday; the job gets its time explicitly.
        Instant slot = Instant.parse("2025-01-15T18:35:00Z");
        var run = api.app().jobs().runScheduled("trip-generation", slot);
        assertThat(run).isPresent();
        assertThat(run.get().result().get("tripsCreated")).isEqualTo(1);
        assertThat(run.get().result().get("day")).isEqualTo("thursday");
        tripOf(schedule, LocalDate.parse("2025-01-16"));
        // The same slot does not run again; a run on demand finds nothing left to do.
        assertThat(api.app().jobs().runScheduled("trip-generation", slot.plusSeconds(3600))).isEmpty();
        assertThat(api.app().jobs().runNow("trip-generation", slot).result().get("tripsCreated")).isEqualTo(0);
        tripOf(schedule, LocalDate.parse("2025-01-16"));
    }
}
