package busmanager.db;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.App;
import busmanager.config.Config;
import busmanager.config.ConfigLoader;
import busmanager.testing.MutableClock;
import busmanager.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The server adopts an empty database, a database made by the old stack, and a missing database. */
class MigrationsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Config serverConfig(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", TestDatabases.url(database));
        env.put("POSTGRES_USER", TestDatabases.USER);
        env.put("POSTGRES_PASSWORD", TestDatabases.PASSWORD);
        env.put("PORT", "0");
        env.put("JOBS_ENABLED", "false");
        try {
            env.put("UPLOAD_DIR", Files.createTempDirectory("bm-up").toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return ConfigLoader.load(env);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int login(int port, String email, String password) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void emptyDatabaseGetsTheWholeSchemaAndSeeds() throws Exception {
        String db = TestDatabases.empty();
        try (App app = App.start(serverConfig(db), MutableClock.system());
             Connection c = TestDatabases.connect(db)) {
            assertThat(Migrations.appliedVersion(app.db().dataSource())).isEqualTo(Migrations.latestBundledVersion());
            assertThat(count(c, "SELECT count(*) FROM indian_states")).isEqualTo(36);
            assertThat(count(c, "SELECT count(*) FROM indian_states WHERE is_union_territory")).isEqualTo(8);
            assertThat(count(c, "SELECT count(*) FROM expense_categories")).isEqualTo(8);
            assertThat(count(c, "SELECT count(*) FROM admin_settings")).isEqualTo(6);
            assertThat(count(c, "SELECT count(*) FROM stock_items WHERE item_name LIKE 'Water%'")).isEqualTo(2);
            assertThat(count(c, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'update_%_updated_at'"))
                    .isEqualTo(12);
            assertThat(count(c, "SELECT count(*) FROM pg_trigger WHERE tgname = 'update_expense_total'")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'trips' "
                    + "AND is_generated = 'ALWAYS'")).isEqualTo(3);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT create_user_with_role('first@admin.in', 'admin123', 'First Admin', 'admin')");
            }
            assertThat(login(app.port(), "first@admin.in", "admin123")).isEqualTo(200);
        } finally {
            TestDatabases.drop(db);
        }
    }

    @Test
    void oldStackDatabaseIsAdoptedWithoutTouchingARow() throws Exception {
        String db = TestDatabases.empty();
        try {
            // Build the old stack's schema with plain SQL, as its init script did (no migration history).
            String oldSchema = Files.readString(Path.of("src/main/resources/db/migration/V1__old_stack_schema.sql"));
            UUID tripId;
            try (Connection c = TestDatabases.connect(db); Statement st = c.createStatement()) {
                st.execute(oldSchema);
                st.execute("SELECT create_user_with_role('owner@bus.in', 'owner-pass', 'Owner', 'admin')");
                st.execute("SELECT create_user_with_role('driver@bus.in', 'driver-pass', 'Driver', 'driver', "
                        + "'9845000000', 'KA-DL-1', '2027-01-31')");
                st.execute("INSERT INTO buses (registration_number, bus_name) VALUES ('KA01AB1234', 'Volvo 1')");
                try (ResultSet rs = st.executeQuery("WITH r AS (INSERT INTO routes (route_name, from_state_id, "
                        + "to_state_id) SELECT 'Bengaluru - Chennai', (SELECT id FROM indian_states WHERE state_code = 'KA'), "
                        + "(SELECT id FROM indian_states WHERE state_code = 'TN') RETURNING id) "
                        + "INSERT INTO trips (trip_number, route_id, start_date) SELECT 'TRP1', r.id, now() FROM r "
                        + "RETURNING id")) {
                    rs.next();
                    tripId = (UUID) rs.getObject(1);
                }
            }
            String before;
            try (Connection c = TestDatabases.connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT string_agg(u.encrypted_password || p.updated_at::text, ',' "
                         + "ORDER BY u.email) FROM auth.users u JOIN profiles p ON p.user_id = u.id) || "
                         + "(SELECT updated_at::text FROM trips)")) {
                rs.next();
                before = rs.getString(1);
            }

            try (App app = App.start(serverConfig(db), MutableClock.system());
                 Connection c = TestDatabases.connect(db)) {
                assertThat(Migrations.appliedVersion(app.db().dataSource()))
                        .isEqualTo(Migrations.latestBundledVersion());
                assertThat(count(c, "SELECT count(*) FROM flyway_schema_history WHERE version = '1' "
                        + "AND type = 'BASELINE'")).isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM indian_states")).isEqualTo(36);
                assertThat(count(c, "SELECT count(*) FROM auth.users")).isEqualTo(2);
                assertThat(count(c, "SELECT count(*) FROM trips WHERE id = '" + tripId + "'")).isEqualTo(1);
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT (SELECT string_agg(u.encrypted_password || "
                             + "p.updated_at::text, ',' ORDER BY u.email) FROM auth.users u JOIN profiles p "
                             + "ON p.user_id = u.id) || (SELECT updated_at::text FROM trips)")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(before);
                }
                assertThat(login(app.port(), "owner@bus.in", "owner-pass")).isEqualTo(200);
                assertThat(login(app.port(), "driver@bus.in", "driver-pass")).isEqualTo(200);
                assertThat(login(app.port(), "driver@bus.in", "wrong")).isEqualTo(401);
            }
            // A second start finds the schema current and runs nothing.
            try (App again = App.start(serverConfig(db), MutableClock.system());
                 Connection c = TestDatabases.connect(db)) {
                assertThat(count(c, "SELECT count(*) FROM flyway_schema_history WHERE type = 'BASELINE'"))
                        .isEqualTo(1);
                assertThat(login(again.port(), "owner@bus.in", "owner-pass")).isEqualTo(200);
            }
        } finally {
            TestDatabases.drop(db);
        }
    }

    @Test
    void missingDatabaseIsCreated() throws Exception {
        String db = "bm_m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (App app = App.start(serverConfig(db), MutableClock.system())) {
            assertThat(Migrations.appliedVersion(app.db().dataSource())).isEqualTo(Migrations.latestBundledVersion());
        } finally {
            TestDatabases.drop(db);
        }
    }

    @Test
    void bundledVersionsAreUnique() {
        var versions = Migrations.bundledMigrationNames().stream()
                .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).toList();
        assertThat(versions).doesNotHaveDuplicates().contains(1, 2);
    }
}
