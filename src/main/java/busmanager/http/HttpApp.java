package busmanager.http;

import busmanager.auth.Authenticator;
import busmanager.auth.Principal;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server on virtual threads, and the conventions every route shares: CORS on every answer,
 * preflight without a token, authentication and role checks, {@code {"detail"}} errors, no stack traces.
 */
public final class HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);

    private final Router router;
    private final Authenticator authenticator;
    private final Cors cors;
    private final Handler fallback;
    private HttpServer server;
    private ExecutorService executor;
    private volatile long lastRequestNanos;

    /**
     * @param fallback answers GET/HEAD requests no route matches (the web app), or null for a JSON 404
     */
    public HttpApp(Router router, Authenticator authenticator, Cors cors, Handler fallback) {
        this.router = router;
        this.authenticator = authenticator;
        this.cors = cors;
        this.fallback = fallback;
    }

    public void start(int port) throws IOException {
        // Read once by the JDK server: reply without Nagle delay, and drop clients that take more than two
        // minutes to send a request (slow uploads on a weak office link still fit). Responses have no time
        // limit because notification streams stay open.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        System.setProperty("sun.net.httpserver.maxReqTime",
                System.getProperty("sun.net.httpserver.maxReqTime", "120"));
        System.setProperty("sun.net.httpserver.maxReqHeaders",
                System.getProperty("sun.net.httpserver.maxReqHeaders", "100"));
        // The JDK server closes a kept-alive connection right after its response once 200 others are idle,
        // without telling the client; a client reusing it then fails ("received no bytes"). Keep more.
        System.setProperty("sun.net.httpserver.maxIdleConnections",
                System.getProperty("sun.net.httpserver.maxIdleConnections", "1000"));
        server = HttpServer.create(new InetSocketAddress(port), 256);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** {@link System#nanoTime()} when the latest request came in; 0 before the first. */
    public long lastRequestNanos() {
        return lastRequestNanos;
    }

    private void handle(HttpExchange exchange) {
        lastRequestNanos = System.nanoTime();
        try (exchange) {
            Headers out = exchange.getResponseHeaders();
            cors.apply(exchange.getRequestHeaders(), out);
            out.set("X-Content-Type-Options", "nosniff");
            try {
                dispatch(exchange);
            } catch (ApiException e) {
                sendError(exchange, e);
            } catch (Exception e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                sendError(exchange, new ApiException(500, "Internal server error"));
            }
        }
    }

    private void dispatch(HttpExchange exchange) throws Exception {
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            exchange.getRequestBody().close();
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        List<String> segments = pathSegments(exchange.getRequestURI().getRawPath());
        Router.Match match = router.match(method.equals("HEAD") ? "GET" : method, segments);
        if (match == null) {
            // A path the API knows under another method is never handed to the web app (405, not HTML).
            if (fallback != null && (method.equals("GET") || method.equals("HEAD")) && !router.pathExists(segments)) {
                fallback.handle(new Request(exchange, Map.of())).send(exchange);
                return;
            }
            throw router.pathExists(segments)
                    ? new ApiException(405, "Method Not Allowed")
                    : ApiException.notFound("Not Found");
        }
        Request request = new Request(exchange, match.params());
        Access access = match.route().access();
        if (access != Access.PUBLIC) {
            Principal who = authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!who.exists() && access != Access.TOKEN) {
                throw Authenticator.unauthorized("Invalid or expired token");
            }
            checkRole(access, who);
            request.authenticate(who);
        }
        Reply reply = match.route().handler().handle(request);
        reply.send(exchange);
    }

    private static void checkRole(Access access, Principal who) {
        switch (access) {
            case ADMIN -> {
                if (!who.isAdmin()) {
                    throw ApiException.forbidden("Admin access required");
                }
            }
            case ADMIN_DRIVER -> {
                if (!who.isAdmin() && !who.isDriver()) {
                    throw ApiException.forbidden("Access denied");
                }
            }
            case REPAIR_ORG -> {
                if (!who.isRepairOrg()) {
                    throw ApiException.forbidden("Only repair organization users can create records");
                }
            }
            default -> {
            }
        }
    }

    private static void sendError(HttpExchange exchange, ApiException e) {
        try {
            if (e.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            // Drain what the client sent so the connection can be reused.
            exchange.getRequestBody().skip(Request.MAX_JSON_BYTES);
            Reply.sendBytes(exchange, e.status(), "application/json", e.bodyJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
            // Headers were already sent (an error while streaming) or the client left; nothing more to say.
        }
    }

    /** Splits the raw path and percent-decodes each segment ("%2F" stays inside its segment). */
    static List<String> pathSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(percentDecode(s));
            }
        }
        return segments;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
