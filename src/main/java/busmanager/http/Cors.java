package busmanager.http;

import com.sun.net.httpserver.Headers;
import java.util.List;

/** CORS headers for every response. The frontend sends no cookies, so {@code *} is safe by default. */
public final class Cors {
    private static final String DEFAULT_HEADERS = "Authorization, Content-Type";
    private final List<String> allowedOrigins;

    public Cors(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    void apply(Headers request, Headers response) {
        String origin = request.getFirst("Origin");
        if (allowedOrigins.contains("*")) {
            response.set("Access-Control-Allow-Origin", "*");
        } else if (origin != null && allowedOrigins.contains(origin)) {
            response.set("Access-Control-Allow-Origin", origin);
            response.add("Vary", "Origin");
        } else {
            return;
        }
        response.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        String asked = request.getFirst("Access-Control-Request-Headers");
        response.set("Access-Control-Allow-Headers",
                asked == null || asked.isBlank() ? DEFAULT_HEADERS : DEFAULT_HEADERS + ", " + asked);
        response.set("Access-Control-Max-Age", "600");
    }
}
