package busmanager.testing;

import busmanager.App;
import busmanager.config.Config;
import busmanager.config.ConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server on a random port over a fresh database of its own, for one test class:
 * <pre>
 *   {@literal @}RegisterExtension static final ApiServer api = new ApiServer();
 *   String admin = api.newAdmin();
 *   Res r = api.post("/buses", admin, Map.of("registration_number", "KA01"));
 * </pre>
 */
public final class ApiServer implements BeforeAllCallback, AfterAllCallback {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String JWT_SECRET = "test-secret-0123456789-0123456789-abcdef";

    private final Map<String, String> env = new HashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final MutableClock clock;
    private String database;
    private Path uploads;
    private App app;
    private int userCounter;

    public ApiServer() {
        this(MutableClock.system());
    }

    public ApiServer(MutableClock clock) {
        this.clock = clock;
        env.put("JWT_SECRET", JWT_SECRET);
        env.put("JOBS_ENABLED", "false");
    }

    /** Adds an environment setting for this server (before it starts). */
    public ApiServer env(String name, String value) {
        env.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = TestDatabases.fresh();
        uploads = Files.createTempDirectory("bm-uploads");
        Map<String, String> all = new HashMap<>(env);
        all.put("DATABASE_URL", TestDatabases.url(database));
        all.put("POSTGRES_USER", TestDatabases.USER);
        all.put("POSTGRES_PASSWORD", TestDatabases.PASSWORD);
        all.put("PORT", "0");
        all.putIfAbsent("UPLOAD_DIR", uploads.toString());
        app = App.start(ConfigLoader.load(all), clock);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (app != null) {
            app.close();
        }
        TestDatabases.drop(database);
    }

    public MutableClock clock() {
        return clock;
    }

    public String database() {
        return database;
    }

    public Path uploadDir() {
        return uploads;
    }

    public App app() {
        return app;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public Config config() {
        return TestDatabases.configFor(database);
    }

    // ---- HTTP ----

    public record Res(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String detail() {
            JsonNode d = json().get("detail");
            return d == null ? null : d.isTextual() ? d.asText() : d.toString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Res get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Res post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Res put(String path, String token, Object body) {
        return send("PUT", path, token, body);
    }

    public Res delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** Sends a request the way the frontend does: JSON content type always, bearer token when given. */
    public Res send(String method, String path, String token, Object body) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    public HttpClient client() {
        return client;
    }

    /** A map for request bodies that allows null values, e.g. {@code body("bus_id", null)}. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    // ---- users ----

    /** A user made like the old stack's SQL function does; returns its e-mail. */
    public String createUser(String role, String fullName, String password, UUID repairOrgId) {
        String email = role + (++userCounter) + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        sqlUpdate("SELECT create_user_with_role(?, ?, ?, ?::app_role, NULL, NULL, NULL, ?)", email, password,
                fullName, role, repairOrgId);
        return email;
    }

    public String login(String email, String password) {
        Res r = post("/auth/login", null, Map.of("email", email, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    /** A token for a new user with that role. */
    public String newUser(String role) {
        return login(createUser(role, "Test " + role, "secret123", null), "secret123");
    }

    public String newAdmin() {
        return newUser("admin");
    }

    public String newDriver() {
        return newUser("driver");
    }

    /** A repair_org user bound to a new organization; see {@link #orgOf}. */
    public String newRepairOrgUser() {
        UUID org = sqlUuid("INSERT INTO repair_organizations (org_code, org_name) VALUES (?, 'Workshop') RETURNING id",
                "RO" + UUID.randomUUID().toString().substring(0, 6).toUpperCase());
        return login(createUser("repair_org", "Workshop user", "secret123", org), "secret123");
    }

    /** The profile id of a token's user. */
    public UUID profileId(String token) {
        return UUID.fromString(get("/auth/me", token).json().get("profile_id").asText());
    }

    public UUID userId(String token) {
        return UUID.fromString(get("/auth/me", token).json().get("id").asText());
    }

    // ---- direct database access for arranging and checking ----

    public Connection connect() throws SQLException {
        return TestDatabases.connect(database);
    }

    public int sqlUpdate(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = prepare(c, sql, params)) {
            return st.execute() ? 1 : st.getUpdateCount();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public List<Map<String, Object>> sqlRows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement st = prepare(c, sql, params);
             ResultSet rs = st.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The first column of the first row (null when no row). */
    public Object sqlValue(String sql, Object... params) {
        List<Map<String, Object>> rows = sqlRows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public UUID sqlUuid(String sql, Object... params) {
        return (UUID) sqlValue(sql, params);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }
}
