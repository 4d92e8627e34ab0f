package busmanager.notifications;

import busmanager.Deps;
import busmanager.auth.Authenticator;
import busmanager.auth.Jwt;
import busmanager.auth.Principal;
import busmanager.http.Reply;
import busmanager.http.Request;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * GET /notifications/stream: a server-sent events stream of the caller's new notifications. Browsers'
 * EventSource cannot send headers, so the token may come as {@code ?token=} too. The stream ends when the token
 * expires (the client then reconnects with a fresh one).
 */
public final class NotificationStreamRoutes {
    static final long HEARTBEAT_MILLIS = 25_000;

    private final NotificationHub hub;
    private final Authenticator authenticator;
    private final Jwt jwt;
    private final Clock clock;

    public NotificationStreamRoutes(Deps deps) {
        this.hub = deps.hub();
        this.authenticator = new Authenticator(deps.jwt(), deps.db());
        this.jwt = deps.jwt();
        this.clock = deps.clock();
    }

    public Reply stream(Request req) throws Exception {
        String token = req.query().text("token");
        String authorization = token != null ? "Bearer " + token : req.header("Authorization");
        Principal who = authenticator.authenticate(authorization);
        if (!who.exists()) {
            throw Authenticator.unauthorized("Invalid or expired token");
        }
        long expiresAtMillis = jwt.verify(authorization.substring(7).strip()).expiresAt() * 1000;
        return exchange -> serve(exchange, who.userId(), expiresAtMillis);
    }

    private void serve(HttpExchange exchange, UUID userId, long expiresAtMillis) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Accel-Buffering", "no"); // tell a proxy such as nginx not to hold events back
        NotificationHub.Subscription sub = hub.subscribe(userId);
        try {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, "retry: 5000\n: connected\n\n");
            while (true) {
                long left = expiresAtMillis - clock.millis();
                if (left <= 0) {
                    break;
                }
                String json = sub.queue().poll(Math.min(HEARTBEAT_MILLIS, left), TimeUnit.MILLISECONDS);
                if (json == null) {
                    write(out, ": heartbeat\n\n");
                } else if (json.equals(NotificationHub.CLOSED)) {
                    break;
                } else {
                    write(out, "event: notification\ndata: " + json + "\n\n");
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(sub);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
