package busmanager.notifications;

import busmanager.testing.ApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A client of GET /notifications/stream: the lines arrive on a background thread into a queue. */
public final class EventStream implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread.ofVirtual().start(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
    }

    /** Opens the stream at {@code baseUrl}; {@code token} goes in the query, {@code bearer} in the header. */
    public static EventStream open(String baseUrl, String token, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/notifications/stream"
                + (token == null ? "" : "?token=" + token)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return new EventStream(CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    /** Opens the stream and waits until the server says it is listening. */
    public static EventStream connected(String baseUrl, String token) throws Exception {
        EventStream s = open(baseUrl, token, null);
        if (s.status() != 200) {
            throw new AssertionError("stream answered " + s.status());
        }
        String line;
        while ((line = s.nextLine(Duration.ofSeconds(10))) != null) {
            if (line.equals(": connected")) {
                return s;
            }
        }
        throw new AssertionError("no ': connected' from the stream");
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public String nextLine(Duration timeout) throws InterruptedException {
        return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The data of the next {@code event: notification}, or null when none comes in time. */
    public JsonNode nextNotification(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean inEvent = false;
        while (System.nanoTime() < deadline) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line == null) {
                return null;
            }
            if (line.equals("event: notification")) {
                inEvent = true;
            } else if (inEvent && line.startsWith("data: ")) {
                return ApiServer.JSON.readTree(line.substring(6));
            }
        }
        return null;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
