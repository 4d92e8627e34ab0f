package busmanager.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.schedules.Fixtures;
import busmanager.testing.ApiServer;
import busmanager.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /notifications/stream: server-sent events of the caller's new notifications. */
class NotificationStreamTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-09-01T04:30:00Z")));
    static Fixtures fx;

    @BeforeAll
    static void setUp() {
        fx = new Fixtures(api);
    }

    static Notifications notifications() {
        return api.app().deps().notifications();
    }

    @Test
    void aJobsNotificationArrivesOnTheDriversStream() throws Exception {
        Fixtures.Driver driver = fx.driver("Streaming Driver");
        UUID route = fx.route("Kochi - Madurai");
        fx.trip("TRPSSE001", fx.bus(), driver.profileId(), route, "scheduled", "2025-09-01T15:00Z");
        try (EventStream stream = EventStream.connected(api.baseUrl(), driver.token())) {
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(stream.header("Access-Control-Allow-Origin")).isEqualTo("*");

            // 10:00 in Kolkata; the trip starts at 15:00 business time.
            var run = api.app().jobs().runNow("trip-notifications", Instant.parse("2025-09-01T04:30:00Z"));
            assertThat(run.result().get("trips")).isEqualTo(List.of("TRPSSE001"));

            JsonNode n = stream.nextNotification(WAIT);
            assertThat(n).as("notification on the stream").isNotNull();
            Map<String, Object> row = api.sqlRows("SELECT id, message FROM notifications WHERE user_id = ?",
                    driver.userId()).get(0);
            assertThat(n.get("id").asText()).isEqualTo(row.get("id").toString());
            assertThat(n.get("title").asText()).isEqualTo("Odometer Reading Required");
            assertThat(n.get("message").asText()).isEqualTo(row.get("message"))
                    .isEqualTo("Your trip TRPSSE001 to Kochi - Madurai starts in 5 hours. "
                            + "Please fill in the odometer readings.");
            assertThat(n.get("type").asText()).isEqualTo("warning");
            assertThat(n.get("read").asBoolean()).isFalse();
            assertThat(n.get("link").asText()).isEqualTo("/driver/trips");
            assertThat(n.get("created_at").asText()).endsWith("+00:00");
            assertThat(n.size()).isEqualTo(7);
        }
    }

    @Test
    void eachStreamGetsOnlyItsOwnUsersNotifications() throws Exception {
        Fixtures.Driver a = fx.driver("Stream A");
        Fixtures.Driver b = fx.driver("Stream B");
        try (EventStream byHeader = EventStream.open(api.baseUrl(), null, a.token());
             EventStream byQuery = EventStream.connected(api.baseUrl(), b.token())) {
            assertThat(byHeader.status()).isEqualTo(200);
            assertThat(byHeader.nextLine(WAIT)).isEqualTo("retry: 5000");
            assertThat(byHeader.nextLine(WAIT)).isEqualTo(": connected");
            notifications().send(new Notifications.Notice(a.userId(), "For A", "only A sees this", "info", null));
            notifications().send(new Notifications.Notice(b.userId(), "For B", "only B sees this", "success",
                    "/driver/trips"));
            assertThat(byHeader.nextNotification(WAIT).get("title").asText()).isEqualTo("For A");
            JsonNode forB = byQuery.nextNotification(WAIT);
            assertThat(forB.get("title").asText()).isEqualTo("For B");
            assertThat(forB.get("type").asText()).isEqualTo("success");
            assertThat(byHeader.nextNotification(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void twoStreamsOfOneUserBothReceive() throws Exception {
        Fixtures.Driver d = fx.driver("Two Tabs");
        try (EventStream tab1 = EventStream.connected(api.baseUrl(), d.token());
             EventStream tab2 = EventStream.connected(api.baseUrl(), d.token())) {
            notifications().send(new Notifications.Notice(d.userId(), "Both tabs", "hello", null, null));
            assertThat(tab1.nextNotification(WAIT).get("type").asText()).isEqualTo("info");
            assertThat(tab2.nextNotification(WAIT).get("title").asText()).isEqualTo("Both tabs");
            assertThat(api.app().deps().hub().streamCount()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aNotificationAnnouncedByAnotherInstanceIsDelivered() throws Exception {
        Fixtures.Driver d = fx.driver("Listener Driver");
        for (int i = 0; i < 100 && !api.app().listening(); i++) {
            Thread.sleep(100);
        }
        assertThat(api.app().listening()).isTrue();
        try (EventStream stream = EventStream.connected(api.baseUrl(), d.token())) {
            // What another instance does: insert and pg_notify in one transaction, with its own instance id.
            UUID id = api.sqlUuid("INSERT INTO notifications (user_id, title, message) VALUES (?, 'Elsewhere', "
                    + "'made on another instance') RETURNING id", d.userId());
            api.sqlUpdate("SELECT pg_notify('busmanager_notifications', ?)", "other-instance " + d.userId() + " " + id);
            JsonNode n = stream.nextNotification(WAIT);
            assertThat(n).isNotNull();
            assertThat(n.get("id").asText()).isEqualTo(id.toString());
            assertThat(n.get("message").asText()).isEqualTo("made on another instance");
        }
    }

    @Test
    void withoutAValidTokenItIs401() throws Exception {
        try (EventStream none = EventStream.open(api.baseUrl(), null, null)) {
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(none.nextLine(WAIT)).contains("Not authenticated");
        }
        try (EventStream bad = EventStream.open(api.baseUrl(), "garbage", null)) {
            assertThat(bad.status()).isEqualTo(401);
            assertThat(bad.nextLine(WAIT)).contains("Invalid or expired token");
        }
        try (EventStream bearerNull = EventStream.open(api.baseUrl(), null, "null")) {
            assertThat(bearerNull.status()).isEqualTo(401);
        }
        Fixtures.Driver gone = fx.driver("Deleted Driver");
        api.sqlUpdate("DELETE FROM auth.users WHERE id = ?", gone.userId());
        try (EventStream deleted = EventStream.open(api.baseUrl(), gone.token(), null)) {
            assertThat(deleted.status()).isEqualTo(401);
        }
    }
}
