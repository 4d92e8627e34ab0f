package busmanager.trips;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.TestDatabases;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * api.md §0.7: a list of 100 000 trips is streamed, never held in memory. The real server runs in a child JVM
 * with a 64 MB heap over this test's database and must answer the whole list, twice, and stay up.
 */
class LargeTripListTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static final int TRIPS = 100_000;
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    @Test
    void hundredThousandTripsStreamFromA64MbServer() throws Exception {
        TripFixtures fx = new TripFixtures(api);
        String admin = api.newAdmin();
        UUID driver = api.profileId(api.newDriver());
        UUID route = fx.route("Bengaluru - Hyderabad");
        UUID bus = fx.bus("KA01LL0001", "Long List Liner");
        api.sqlUpdate("""
                INSERT INTO trips (trip_number, route_id, bus_id, driver_id, status, trip_type, start_date, notes,
                  bus_name_snapshot, driver_name_snapshot, departure_time, arrival_time, odometer_start, odometer_end,
                  revenue_cash, revenue_online, gst_percentage, water_taken)
                SELECT 'TRP' || lpad(g::text, 7, '0'), ?, ?, ?,
                  (ARRAY['scheduled', 'in_progress', 'completed', 'cancelled'])[1 + g % 4]::trip_status,
                  CASE WHEN g % 2 = 0 THEN 'one_way' ELSE 'two_way' END,
                  timestamptz '2020-01-01 06:00:00+00' + g * interval '17 minutes',
                  'Seeded trip number ' || g || ' with a note long enough to look like a real one',
                  'Long List Liner', 'Test driver', time '22:00', time '06:30', 10000 + g, 10350 + g,
                  (g % 5000) * 1.5, 2000, 18, g % 7
                FROM generate_series(1, ?) g""", route, bus, driver, TRIPS);
        api.sqlUpdate("ANALYZE trips");

        try (ChildServer server = ChildServer.start()) {
            assertThat(server.count("/trips?limit=100000", admin)).isEqualTo(TRIPS);
            assertThat(server.process.isAlive()).isTrue();
            assertThat(server.count("/trips", admin)).isEqualTo(TRIPS);
            assertThat(server.process.isAlive()).as("the 64 MB server survived both lists").isTrue();
        }
    }

    /** The real server ({@code busmanager.Main serve}) in a JVM of its own, limited to 64 MB of heap. */
    private static final class ChildServer implements AutoCloseable {
        final Process process;
        private final Deque<String> recentLog = new ArrayDeque<>();
        private final CompletableFuture<Integer> port = new CompletableFuture<>();

        private ChildServer(Process process) {
            this.process = process;
        }

        static ChildServer start() throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path workDir = Files.createTempDirectory("bm-large-list");
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), "busmanager.Main", "serve"))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("DATABASE_URL", TestDatabases.url(api.database()));
            env.put("POSTGRES_USER", TestDatabases.USER);
            env.put("POSTGRES_PASSWORD", TestDatabases.PASSWORD);
            env.put("PORT", "0");
            env.put("JWT_SECRET", ApiServer.JWT_SECRET);
            env.put("JOBS_ENABLED", "false");
            env.put("UPLOAD_DIR", workDir.resolve("uploads").toString());
            ChildServer server = new ChildServer(pb.start());
            server.readLog();
            try {
                server.port.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                server.close();
                throw e;
            }
            return server;
        }

        /** Reads the log until it names the port, and keeps draining it afterwards so the child never blocks. */
        private void readLog() {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        remember(line);
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
                port.completeExceptionally(new AssertionError("server ended before listening:\n" + log()));
            }, "child-server-log");
            reader.setDaemon(true);
            reader.start();
        }

        private synchronized void remember(String line) {
            recentLog.addLast(line);
            if (recentLog.size() > 50) {
                recentLog.removeFirst();
            }
        }

        private synchronized String log() {
            return String.join("\n", recentLog);
        }

        /**
         * Counts the array elements while the response arrives (the body is never held as a whole), checking
         * that each is a trip and that they come newest first.
         */
        long count(String path, String token) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get() + path))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .GET().build();
            try {
                HttpResponse<InputStream> response =
                        api.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                try (InputStream body = response.body()) {
                    return countTrips(body);
                }
            } catch (java.io.IOException e) {
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("GET " + path + " failed (" + e + "); server "
                        + (process.isAlive() ? "still running" : "exited with " + process.exitValue())
                        + ", last log lines:\n" + log(), e);
            }
        }

        private static long countTrips(InputStream body) throws Exception {
            long count = 0;
            String previousStart = null;
            try (JsonParser p = ApiServer.JSON.getFactory().createParser(body)) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String start = null;
                    String tripNumber = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken value = p.nextToken();
                        if (field.equals("start_date")) {
                            start = p.getText();
                        } else if (field.equals("trip_number")) {
                            tripNumber = p.getText();
                        } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                    assertThat(tripNumber).startsWith("TRP");
                    assertThat(start).isNotNull();
                    if (previousStart != null && start.compareTo(previousStart) > 0) {
                        throw new AssertionError("not newest first: " + start + " after " + previousStart);
                    }
                    previousStart = start;
                    count++;
                }
                assertThat(p.currentToken()).isEqualTo(JsonToken.END_ARRAY);
                assertThat(p.nextToken()).isNull();
            }
            return count;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
