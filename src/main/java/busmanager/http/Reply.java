package busmanager.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What a handler answers; it writes status, headers and body itself (so lists can be streamed). */
@FunctionalInterface
public interface Reply {
    void send(HttpExchange exchange) throws IOException;

    static Reply json(String json) {
        return json(200, json);
    }

    static Reply json(int status, String json) {
        return exchange -> sendBytes(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"message": text}}, the body of every successful DELETE. */
    static Reply message(String text) {
        return json(Json.of("message", text));
    }

    /** An object from alternating keys and values. */
    static Reply of(Object... keysAndValues) {
        return json(Json.of(keysAndValues));
    }

    static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
