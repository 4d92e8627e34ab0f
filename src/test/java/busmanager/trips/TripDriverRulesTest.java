package busmanager.trips;

import busmanager.testing.Concurrently;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** api.md §6.5 for drivers: own trips only, limited fields, Start and Complete, repeats are no change. */
class TripDriverRulesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2025-01-15T12:00:00Z"));
    @RegisterExtension
    static final ApiServer api = new ApiServer(clock);
    static final TripFixtures fx = new TripFixtures(api);

    @BeforeEach
    void resetClock() {
        clock.set(Instant.parse("2025-01-15T12:00:00Z"));
    }

    private Map<String, Object> row(UUID trip) {
        return api.sqlRows("""
                SELECT status::text AS status, end_date, odometer_start, odometer_end, revenue_cash, notes, trip_number,
                  bus_id, water_taken, updated_at FROM trips WHERE id = ?""", trip).get(0);
    }

    @Test
    void driverStartsAndCompletesOwnTrip() {
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        String path = "/trips/" + trip;

        Res start = api.put(path, driver, body("status", "in_progress", "odometer_start", 12000));
        assertThat(start.status()).as(start.toString()).isEqualTo(200);
        assertThat(start.json().get("status").asText()).isEqualTo("in_progress");
        assertThat(start.json().get("odometer_start").decimalValue()).isEqualByComparingTo("12000");

        Res complete = api.put(path, driver, body("status", "completed", "end_date", "2025-01-16T04:10:00.000Z",
                "odometer_end", 12350.5));
        assertThat(complete.status()).as(complete.toString()).isEqualTo(200);
        assertThat(complete.json().get("status").asText()).isEqualTo("completed");
        assertThat(complete.json().get("end_date").asText()).startsWith("2025-01-16T04:10:00");
        assertThat(complete.json().get("distance_traveled").decimalValue()).isEqualByComparingTo("350.5");
        Map<String, Object> done = row(trip);
        assertThat(done.get("status")).isEqualTo("completed");
        assertThat(((Timestamp) api.sqlValue("SELECT end_date FROM trips WHERE id = ?", trip)).toInstant()).isEqualTo(Instant.parse("2025-01-16T04:10:00Z"));
    }

    @Test
    void repeatedStartOrCompleteChangesNothing() {
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        String path = "/trips/" + trip;
        assertThat(api.put(path, driver, body("status", "in_progress")).status()).isEqualTo(200);
        Map<String, Object> started = row(trip);
        Res again = api.put(path, driver, body("status", "in_progress"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("in_progress");
        assertThat(row(trip)).isEqualTo(started);

        assertThat(api.put(path, driver, body("status", "completed", "end_date", "2025-01-16T04:10:00Z")).status())
                .isEqualTo(200);
        Map<String, Object> completed = row(trip);
        Res retry = api.put(path, driver, body("status", "completed", "end_date", "2025-01-16T09:99:00Z"));
        assertThat(retry.status()).as("a malformed end_date is still refused").isEqualTo(422);
        Res doubleClick = api.put(path, driver, body("status", "completed", "end_date", "2025-01-16T05:00:00Z"));
        assertThat(doubleClick.status()).isEqualTo(200);
        assertThat(doubleClick.json().get("end_date").asText()).startsWith("2025-01-16T04:10:00");
        assertThat(row(trip)).isEqualTo(completed);

        // Other allowed keys in the same body are applied.
        Res withReading = api.put(path, driver, body("status", "completed", "odometer_end", 500));
        assertThat(withReading.json().get("odometer_end").decimalValue()).isEqualByComparingTo("500");
        assertThat(withReading.json().get("end_date").asText()).startsWith("2025-01-16T04:10:00");
    }

    @Test
    void completingWithoutEndDateStampsNow() {
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        api.sqlUpdate("UPDATE trips SET status = 'in_progress' WHERE id = ?", trip);
        clock.set(Instant.parse("2025-01-16T03:20:00Z"));
        Res r = api.put("/trips/" + trip, driver, body("status", "completed"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(r.json().get("end_date").asText()).toInstant())
                .isEqualTo(Instant.parse("2025-01-16T03:20:00Z"));
    }

    @Test
    void driverMayOnlyStartAndComplete() {
        String driver = api.newDriver();
        UUID driverId = api.profileId(driver);
        record Case(String from, String to) {
        }
        List<Case> refused = List.of(new Case("scheduled", "completed"), new Case("scheduled", "cancelled"),
                new Case("in_progress", "scheduled"), new Case("in_progress", "cancelled"),
                new Case("completed", "in_progress"), new Case("completed", "scheduled"),
                new Case("cancelled", "in_progress"), new Case("cancelled", "scheduled"));
        for (Case c : refused) {
            UUID trip = fx.tripFor(driverId);
            api.sqlUpdate("UPDATE trips SET status = ?::trip_status WHERE id = ?", c.from(), trip);
            Res r = api.put("/trips/" + trip, driver, body("status", c.to(), "odometer_start", 77));
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.detail()).isEqualTo("Invalid status change");
            assertThat(row(trip).get("status")).as(c.toString()).isEqualTo(c.from());
            assertThat(row(trip).get("odometer_start")).as("nothing applied").isNull();
        }
        UUID trip = fx.tripFor(driverId);
        Res bad = api.put("/trips/" + trip, driver, body("status", "finished"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(api.put("/trips/" + trip, driver, body("status", null)).status()).isEqualTo(422);
    }

    @Test
    void driverChangesOnlyReadingsWaterStatusAndEndDate() {
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        Map<String, Object> before = row(trip);
        Res r = api.put("/trips/" + trip, driver, body("odometer_start", 100, "odometer_end", 180,
                "odometer_return_start", 180, "odometer_return_end", 260, "end_date", "2025-01-15T20:00",
                "revenue_cash", 99999, "notes", "driver note", "trip_number", "HACKED", "bus_id", null,
                "route_id", UUID.randomUUID().toString(), "gst_percentage", 0, "driver_id", null));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("distance_traveled").decimalValue()).isEqualByComparingTo("80");
        assertThat(r.json().get("distance_return").decimalValue()).isEqualByComparingTo("80");
        Map<String, Object> after = row(trip);
        assertThat(after.get("odometer_start")).isEqualTo(new BigDecimal("100"));
        assertThat(after.get("end_date")).isNotNull();
        assertThat(after.get("revenue_cash")).isEqualTo(before.get("revenue_cash"));
        assertThat(after.get("notes")).isNull();
        assertThat(after.get("trip_number")).isEqualTo(before.get("trip_number"));
        assertThat(after.get("bus_id")).isEqualTo(before.get("bus_id"));
        assertThat(api.sqlValue("SELECT driver_id FROM trips WHERE id = ?", trip)).isEqualTo(api.profileId(driver));

        Res negative = api.put("/trips/" + trip, driver, body("odometer_end", -1));
        assertThat(negative.status()).isEqualTo(422);
    }

    @Test
    void driverCannotTouchSomeoneElsesTrip() {
        String driver = api.newDriver();
        UUID theirs = fx.tripFor(api.profileId(api.newDriver()));
        Map<String, Object> before = row(theirs);
        Res r = api.put("/trips/" + theirs, driver, body("status", "in_progress", "odometer_start", 5, "water_taken", 3));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.detail()).isEqualTo("Access denied");
        assertThat(row(theirs)).isEqualTo(before);
        UUID unassigned = fx.tripFor(null);
        assertThat(api.put("/trips/" + unassigned, driver, body("status", "in_progress")).status()).isEqualTo(403);
        assertThat(api.put("/trips/" + UUID.randomUUID(), driver, body("status", "in_progress")).status())
                .isEqualTo(404);
    }

    @Test
    void adminMaySetAnyStatus() {
        String admin = api.newAdmin();
        UUID trip = fx.tripFor(null);
        api.sqlUpdate("UPDATE trips SET status = 'completed', end_date = '2025-01-15T18:00Z' WHERE id = ?", trip);
        assertThat(api.put("/trips/" + trip, admin, body("status", "scheduled")).json().get("status").asText())
                .isEqualTo("scheduled");
        assertThat(api.put("/trips/" + trip, admin, body("status", "cancelled")).json().get("status").asText())
                .isEqualTo("cancelled");
        Res reopened = api.put("/trips/" + trip, admin, body("status", "completed", "end_date", null));
        assertThat(reopened.json().get("status").asText()).isEqualTo("completed");
        assertThat(reopened.json().get("end_date").isNull()).as("completion stamps a missing end_date").isFalse();
    }

    @Test
    void simultaneousCompletionsKeepOneEndDate() throws Exception {
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        api.sqlUpdate("UPDATE trips SET status = 'in_progress' WHERE id = ?", trip);
        int n = 6;
        List<Res> answers = Concurrently.send(n, i -> api.put("/trips/" + trip, driver,
                body("status", "completed", "end_date", "2025-01-16T0" + i + ":00:00Z")));
        List<String> ends = new ArrayList<>();
        for (Res r : answers) {
            assertThat(r.status()).isEqualTo(200);
            ends.add(r.json().get("end_date").asText());
        }
        // Every answer reports the one completion time that was stored first.
        assertThat(ends).containsOnly(ends.get(0));
        Instant stored = ((Timestamp) api.sqlValue("SELECT end_date FROM trips WHERE id = ?", trip)).toInstant();
        assertThat(OffsetDateTime.parse(ends.get(0)).toInstant()).isEqualTo(stored);
        assertThat(stored.atOffset(ZoneOffset.UTC).getHour()).isBetween(0, n - 1);
    }
}
