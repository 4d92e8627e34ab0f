package busmanager.jobs;

import static busmanager.jobs.JobWorld.at;
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

/** Odometer reminders (jobs.md §2.3) and trips overdue to close, once per trip and day. */
class TripNotificationJobTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-05-10T04:30:00Z")));
    static JobWorld w;

    @BeforeAll
    static void setUp() {
        w = new JobWorld(api);
    }

    @Test
    void odometerRemindersForTripsStartingWithin24Hours() throws Exception {
        UUID route = w.fx().route("Mysuru - Ooty");
        Fixtures.Driver d = w.fx().driver("Odometer Driver");
        UUID bus = w.fx().bus();
        // Trip times are business wall-clock times stored as UTC; "now" is 10:00 in Kolkata.
        w.fx().trip("TRPJOB001", bus, d.profileId(), route, "scheduled", "2025-05-10T15:00Z");
        UUID withReading = w.fx().trip("TRPJOB002", bus, d.profileId(), route, "scheduled", "2025-05-10T16:00Z");
        api.sqlUpdate("UPDATE trips SET odometer_start = 1200 WHERE id = ?", withReading);
        w.fx().trip("TRPJOB003", bus, d.profileId(), route, "scheduled", "2025-05-11T12:00Z");
        w.fx().trip("TRPJOB004", bus, d.profileId(), route, "scheduled", "2025-05-10T09:00Z");
        w.fx().trip("TRPJOB005", bus, d.profileId(), route, "completed", "2025-05-10T13:00Z");
        w.fx().trip("TRPJOB006", bus, null, route, "scheduled", "2025-05-10T13:00Z");

        Map<String, Object> r = w.run("trip-notifications", "2025-05-10T10:00");
        assertThat(r.get("odometerReminders")).isEqualTo(1);
        assertThat(r.get("trips")).isEqualTo(List.of("TRPJOB001"));
        List<Map<String, Object>> mine = w.notes(d.userId(), "Odometer Reading Required");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("message")).isEqualTo("Your trip TRPJOB001 to Mysuru - Ooty starts in 5 hours."
                + " Please fill in the odometer readings.");
        assertThat(mine.get(0).get("type")).isEqualTo("warning");
        assertThat(mine.get(0).get("link")).isEqualTo("/driver/trips");

        assertThat(w.run("trip-notifications", "2025-05-10T11:00").get("odometerReminders")).isEqualTo(0);
        assertThat(w.notes(d.userId(), "Odometer Reading Required")).hasSize(1);
    }

    @Test
    void tripsLongOverdueRemindTheirDriverToClose() throws Exception {
        UUID route = w.fx().route("Hubballi - Goa");
        Fixtures.Driver late = w.fx().driver("Late Driver");
        Fixtures.Driver fine = w.fx().driver("On Time Driver");
        UUID overdue = w.fx().trip("TRPJOB101", w.fx().bus(), late.profileId(), route, "in_progress",
                "2025-06-07T22:00Z");
        api.sqlUpdate("UPDATE trips SET expected_arrival_date = '2025-06-08', arrival_time = '06:00' "
                + "WHERE id = ?", overdue);
        UUID today = w.fx().trip("TRPJOB102", w.fx().bus(), fine.profileId(), route, "in_progress",
                "2025-06-10T06:00Z");
        api.sqlUpdate("UPDATE trips SET arrival_time = '12:00' WHERE id = ?", today);
        UUID twoWay = w.fx().trip("TRPJOB103", w.fx().bus(), fine.profileId(), route, "in_progress",
                "2025-06-08T22:00Z");
        api.sqlUpdate("UPDATE trips SET trip_type = 'two_way', expected_arrival_date = '2025-06-09', "
                + "arrival_time = '06:00', return_departure_time = '21:00', return_arrival_time = '05:00' "
                + "WHERE id = ?", twoWay);

        Map<String, Object> r = w.run("trip-notifications", "2025-06-10T10:00");
        assertThat(r.get("overdueReminders")).isEqualTo(1);
        assertThat(r.get("overdueTrips")).isEqualTo(List.of("TRPJOB101"));
        List<Map<String, Object>> mine = w.notes(late.userId(), "Trip Not Closed");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("message")).isEqualTo("Your trip TRPJOB101 was expected back by "
                + "08/06/2025 06:00 and is still in progress. Please enter the odometer readings and complete it.");
        assertThat(mine.get(0).get("link")).isEqualTo("/driver/trips");
        assertThat(w.notes(fine.userId(), "Trip Not Closed")).isEmpty();

        assertThat(w.run("trip-notifications", "2025-06-10T12:00").get("overdueReminders")).isEqualTo(0);
        // The two-way trip is due back at 05:00 on the 10th: 12 hours later it is overdue too.
        Map<String, Object> evening = w.run("trip-notifications", "2025-06-10T17:30");
        assertThat(evening.get("overdueTrips")).isEqualTo(List.of("TRPJOB103"));
    }
}
