package busmanager.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.App;
import busmanager.config.ConfigLoader;
import busmanager.notifications.EventStream;
import busmanager.schedules.Fixtures;
import busmanager.testing.ApiServer;
import busmanager.testing.MutableClock;
import busmanager.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two server instances on one database: every job slot runs once, and live notifications cross over. */
class TwoInstancesTest {
    static final Instant SEVEN_AM = JobWorld.at("2025-10-01T07:00");

    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(SEVEN_AM));
    static App second;
    static JobWorld w;

    @BeforeAll
    static void startSecondInstance() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", TestDatabases.url(api.database()));
        env.put("POSTGRES_USER", TestDatabases.USER);
        env.put("POSTGRES_PASSWORD", TestDatabases.PASSWORD);
        env.put("PORT", "0");
        env.put("JWT_SECRET", ApiServer.JWT_SECRET);
        env.put("JOBS_ENABLED", "false");
        env.put("UPLOAD_DIR", api.uploadDir().toString());
        second = App.start(ConfigLoader.load(env), api.clock());
        w = new JobWorld(api);
        for (int i = 0; i < 100 && !(api.app().listening() && second.listening()); i++) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    /** Runs both calls at the same moment and returns their results. */
    static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameSlotOnBothInstancesRunsOnceAndNotifiesOnce() throws Exception {
        api.sqlUpdate("UPDATE stock_items SET quantity = 1000");
        api.sqlUpdate("INSERT INTO stock_items (item_name, quantity, low_stock_threshold) VALUES ('Wipers', 0, 2)");
        List<Optional<JobRunner.Run>> runs = together(List.of(
                () -> api.app().jobs().runScheduled("stock-alerts", SEVEN_AM),
                () -> second.jobs().runScheduled("stock-alerts", SEVEN_AM.plusSeconds(20))));
        assertThat(runs.stream().filter(Optional::isPresent).count()).isEqualTo(1);
        assertThat(api.sqlValue("SELECT count(*) FROM job_runs WHERE job = 'stock-alerts' AND slot = '2025-10-01'"))
                .isEqualTo(1L);
        assertThat(api.sqlValue("SELECT count(*) FROM notifications WHERE title = 'Low Stock Alert'"))
                .isEqualTo((long) w.admins());
        assertThat(w.notes(w.adminUser(), "Low Stock Alert")).hasSize(1);
    }

    @Test
    void runsOnDemandOnBothInstancesStillNotifyOncePerDay() throws Exception {
        Fixtures.Driver d = w.fx().driver("Twice Reminded");
        UUID route = w.fx().route("Salem - Erode");
        for (int i = 0; i < 5; i++) {
            w.fx().trip("TRP2X00" + i, w.fx().bus(), d.profileId(), route, "scheduled", "2025-10-01T12:00Z");
        }
        List<JobRunner.Run> runs = together(List.of(
                () -> api.app().jobs().runNow("trip-notifications", SEVEN_AM),
                () -> second.jobs().runNow("trip-notifications", SEVEN_AM),
                () -> api.app().jobs().runNow("trip-notifications", SEVEN_AM.plusSeconds(60))));
        int sent = 0;
        for (JobRunner.Run r : runs) {
            assertThat(r.failed()).isFalse();
            sent += (Integer) r.result().get("odometerReminders");
        }
        assertThat(sent).isEqualTo(5);
        assertThat(w.notes(d.userId(), "Odometer Reading Required")).hasSize(5);
    }

    @Test
    void generatingOnBothInstancesAtOnceMakesEachTripOnce() throws Exception {
        api.sqlUpdate("UPDATE bus_schedules SET is_active = false");
        UUID route = w.fx().route("Chennai - Tirupati");
        List<UUID> schedules = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            schedules.add(w.fx().schedule(w.fx().bus(), route, null, List.of("wednesday"), "1" + i + ":00",
                    "18:00", false, null, null));
        }
        List<String> bases = List.of(api.baseUrl(), "http://127.0.0.1:" + second.port(), api.baseUrl(),
                "http://127.0.0.1:" + second.port());
        List<Callable<JsonNode>> calls = new ArrayList<>();
        for (String base : bases) {
            calls.add(() -> {
                HttpResponse<String> r = api.client().send(HttpRequest.newBuilder(
                        URI.create(base + "/schedules/generate-trips")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + w.admin())
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                return ApiServer.JSON.readTree(r.body());
            });
        }
        int created = together(calls).stream().mapToInt(j -> j.get("tripsCreated").asInt()).sum();
        assertThat(created).isEqualTo(schedules.size());
        for (UUID s : schedules) {
            assertThat(api.sqlValue("SELECT count(*) FROM trips WHERE schedule_id = ? AND trip_date = '2025-10-01'",
                    s)).isEqualTo(1L);
        }
    }

    @Test
    void aNotificationMadeOnOneInstanceReachesAStreamOnTheOther() throws Exception {
        assertThat(api.app().listening()).isTrue();
        assertThat(second.listening()).isTrue();
        Fixtures.Driver d = w.fx().driver("Crossing Driver");
        UUID route = w.fx().route("Madurai - Rameswaram");
        w.fx().trip("TRPX0001", w.fx().bus(), d.profileId(), route, "scheduled", "2025-10-01T09:00Z");
        try (EventStream onFirst = EventStream.connected(api.baseUrl(), d.token());
             EventStream onSecond = EventStream.connected("http://127.0.0.1:" + second.port(), d.token())) {
            var run = second.jobs().runNow("trip-notifications", SEVEN_AM);
            assertThat(run.result().get("trips")).isEqualTo(List.of("TRPX0001"));
            JsonNode viaListen = onFirst.nextNotification(Duration.ofSeconds(10));
            JsonNode local = onSecond.nextNotification(Duration.ofSeconds(10));
            assertThat(viaListen).isNotNull();
            assertThat(local).isNotNull();
            assertThat(viaListen.get("id")).isEqualTo(local.get("id"));
            assertThat(viaListen.get("message").asText()).contains("TRPX0001", "starts in 2 hours");
            // Each stream gets it once, not once per instance.
            assertThat(onFirst.nextNotification(Duration.ofMillis(500))).isNull();
            assertThat(onSecond.nextNotification(Duration.ofMillis(500))).isNull();
        }
    }
}
