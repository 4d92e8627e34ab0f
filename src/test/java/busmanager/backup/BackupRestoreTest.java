package busmanager.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import busmanager.App;
import busmanager.config.Config;
import busmanager.config.ConfigLoader;
import busmanager.testing.ApiServer;
import busmanager.testing.MainProcess;
import busmanager.testing.MutableClock;
import busmanager.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code backup} and {@code restore} as an operator runs them: back up a database with rows in many tables
 * and files in the upload folder, lose both, restore, and find every row and byte again.
 */
class BackupRestoreTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    private static Map<String, String> env(String database, Path uploads, Path backups) {
        Map<String, String> env = new HashMap<>(MainProcess.databaseEnv(database));
        env.put("UPLOAD_DIR", uploads.toString());
        env.put("BACKUP_DIR", backups.toString());
        return env;
    }

    @Test
    void backupWipeRestoreFindsEveryRowAndFile() throws Exception {
        String driverEmail = arrangeOfficeData();
        Map<String, byte[]> files = arrangeUploads(api.uploadDir());
        Map<String, String> before = tableFingerprints(api.database());
        assertThat(before.get("public.trips")).isNotEqualTo("0:");
        Path backups = Files.createTempDirectory("bm-backups");
        Path archive = backups.resolve("office.zip");

        var backup = MainProcess.run(env(api.database(), api.uploadDir(), backups), "backup", "--output",
                archive.toString());
        assertThat(backup.exit()).as(backup.toString()).isZero();
        assertThat(backup.stdout()).contains("Backup written to").contains("4 upload files");
        assertThat(archive).isRegularFile();
        assertThat(archive.resolveSibling("office.zip.part")).doesNotExist();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Manifest m = Manifest.parse(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes());
            assertThat(m.schemaVersion()).isGreaterThanOrEqualTo(2);
            assertThat(m.database()).isEqualTo(api.database());
            assertThat(m.tableRows()).containsEntry("public.trips", 3L).containsEntry("public.expenses", 4L)
                    .containsEntry("public.buses", 2L).containsKey("auth.users");
            assertThat(m.uploadFiles()).isEqualTo(4);
            assertThat(zip.getEntry("database.pgdump").getSize()).isPositive();
        }

        // the disaster: database and upload folder gone
        TestDatabases.drop(api.database());
        deleteTree(api.uploadDir());

        var restore = MainProcess.run(env(api.database(), api.uploadDir(), backups), "restore", archive.toString());
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restore.stdout()).contains("Restored").contains("4 upload files");

        assertThat(tableFingerprints(api.database())).isEqualTo(before);
        for (var e : files.entrySet()) {
            assertThat(Files.readAllBytes(api.uploadDir().resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }

        // the normal start adopts the restored database: the driver logs in with the old password
        Map<String, String> serverEnv = env(api.database(), api.uploadDir(), backups);
        serverEnv.put("PORT", "0");
        serverEnv.put("JOBS_ENABLED", "false");
        try (App app = App.start(ConfigLoader.load(serverEnv), MutableClock.system())) {
            HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"" + driverEmail + "\",\"password\":\"driverpass1\"}")).build();
            HttpResponse<String> r = api.client().send(login, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @Test
    void restoreRefusesANonEmptyDatabaseAndChangesNothing() throws Exception {
        Path backups = Files.createTempDirectory("bm-backups");
        Path archive = backups.resolve("one.zip");
        Path uploads = Files.createTempDirectory("bm-up");
        String source = TestDatabases.fresh();
        try {
            assertThat(MainProcess.run(env(source, uploads, backups), "backup", "--output", archive.toString()).exit())
                    .isZero();
            String target = TestDatabases.fresh();
            try {
                long profiles = count(target, "profiles");
                var r = MainProcess.run(env(target, Files.createTempDirectory("bm-up"), backups), "restore",
                        archive.toString());
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.stderr()).contains("Refusing to restore: database " + target + " is not empty")
                        .contains("table public.");
                assertThat(count(target, "profiles")).isEqualTo(profiles);
            } finally {
                TestDatabases.drop(target);
            }
            // a backup file next to it is no excuse to overwrite an existing archive
            var again = MainProcess.run(env(source, uploads, backups), "backup", "--output", archive.toString());
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.stderr()).contains("already exists");
        } finally {
            TestDatabases.drop(source);
        }
    }

    @Test
    void restoreRefusesAnUploadFolderWithFiles() throws Exception {
        Path backups = Files.createTempDirectory("bm-backups");
        Path archive = backups.resolve("one.zip");
        String source = TestDatabases.fresh();
        String target = "bm_r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            Path uploads = Files.createTempDirectory("bm-up");
            assertThat(MainProcess.run(env(source, uploads, backups), "backup", "--output", archive.toString()).exit())
                    .isZero();
            Path busy = Files.createTempDirectory("bm-up");
            Files.writeString(Files.createDirectories(busy.resolve("expenses")).resolve("keep.jpg"), "mine");
            var r = MainProcess.run(env(target, busy, backups), "restore", archive.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr()).contains("already holds 1 file(s)");
            assertThat(Files.readString(busy.resolve("expenses/keep.jpg"))).isEqualTo("mine");
            try (Connection c = TestDatabases.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + target + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("nothing created").isZero();
            }
        } finally {
            TestDatabases.drop(source);
            TestDatabases.drop(target);
        }
    }

    @Test
    void archivesThatAreNoBackupOrEscapeTheUploadFolderAreRefused() throws Exception {
        Path dir = Files.createTempDirectory("bm-archives");
        Config config = config("bm_never_created", dir.resolve("uploads"));
        Path notZip = Files.writeString(dir.resolve("notes.zip"), "hello");
        assertThatThrownBy(() -> Restore.run(config, notZip)).isInstanceOf(Restore.Refused.class)
                .hasMessageContaining("not a BusManager backup archive");
        Path noManifest = zip(dir.resolve("plain.zip"), Map.of("readme.txt", "hi"));
        assertThatThrownBy(() -> Restore.run(config, noManifest)).hasMessageContaining("no manifest.json");
        String manifest = Manifest.of(java.time.Instant.now(), 2, "x", Map.of(), 1, 1).toJson();
        Path evil = zip(dir.resolve("evil.zip"), Map.of("manifest.json", manifest, "database.pgdump", "x",
                "uploads/../../escaped.txt", "boo"));
        assertThatThrownBy(() -> Restore.run(config, evil)).isInstanceOf(Restore.Refused.class)
                .hasMessageContaining("unsafe file name");
        String future = Manifest.of(java.time.Instant.now(), 999, "x", Map.of(), 0, 0).toJson();
        Path newer = zip(dir.resolve("newer.zip"), Map.of("manifest.json", future, "database.pgdump", "x"));
        assertThatThrownBy(() -> Restore.run(config, newer)).hasMessageContaining("made by a newer BusManager");
        assertThat(dir.getParent().resolve("escaped.txt")).doesNotExist();
        assertThat(dir.resolve("uploads")).doesNotExist();
    }

    @Test
    void libpqSettingsComeFromTheJdbcUrlAndNeverTheCommandLine() {
        Map<String, String> env = PgClient.libpqEnvironment(ConfigLoader.load(Map.of(
                "DATABASE_URL", "postgresql://office:s3cr%40t@db:5433/busmanager?sslmode=require")));
        assertThat(env).containsEntry("PGHOST", "db").containsEntry("PGPORT", "5433")
                .containsEntry("PGDATABASE", "busmanager").containsEntry("PGUSER", "office")
                .containsEntry("PGPASSWORD", "s3cr@t").containsEntry("PGSSLMODE", "require");
        Map<String, String> v6 = PgClient.libpqEnvironment(ConfigLoader.load(Map.of(
                "DATABASE_URL", "jdbc:postgresql://[::1]/office", "POSTGRES_USER", "u")));
        assertThat(v6).containsEntry("PGHOST", "::1").containsEntry("PGPORT", "5432")
                .containsEntry("PGDATABASE", "office").containsEntry("PGUSER", "u").containsEntry("PGPASSWORD", "");
    }

    // ---- arranging ----

    /** Rows in many tables, made the way the office makes them; returns the driver's e-mail. */
    private static String arrangeOfficeData() {
        String driverEmail = api.createUser("driver", "Ravi Kumar", "driverpass1", null);
        UUID driver = (UUID) api.sqlValue("SELECT p.id FROM profiles p JOIN auth.users u ON u.id = p.user_id"
                + " WHERE u.email = ?", driverEmail);
        api.newAdmin();
        UUID state1 = api.sqlUuid("SELECT id FROM indian_states ORDER BY state_name LIMIT 1");
        UUID state2 = api.sqlUuid("SELECT id FROM indian_states ORDER BY state_name DESC LIMIT 1");
        UUID bus1 = api.sqlUuid("INSERT INTO buses (registration_number, bus_name, home_state_id, insurance_expiry)"
                + " VALUES ('KA01AB1234', 'Shree Travels 1', ?, '2026-03-31') RETURNING id", state1);
        api.sqlUpdate("INSERT INTO buses (registration_number, ownership_type, partner_name, company_profit_share,"
                + " partner_profit_share) VALUES ('KA02CD5678', 'partnership', 'Mohan', 60.5, 39.5)");
        UUID route = api.sqlUuid("INSERT INTO routes (route_name, from_state_id, to_state_id, distance_km)"
                + " VALUES ('Bengaluru - Chennai', ?, ?, 346.5) RETURNING id", state1, state2);
        UUID category = api.sqlUuid("SELECT id FROM expense_categories ORDER BY name LIMIT 1");
        for (int i = 1; i <= 3; i++) {
            UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, bus_id, driver_id, route_id, start_date,"
                    + " status, revenue_cash, revenue_online, notes) VALUES (?, ?, ?, ?, now() - (? || ' days')::interval,"
                    + " 'completed', ?, 1234.56, 'ಕನ್ನಡ नोट ✓') RETURNING id",
                    "TRP2025010" + i, bus1, driver, route, String.valueOf(i), 1000 * i);
            api.sqlUpdate("INSERT INTO expenses (trip_id, category_id, submitted_by, amount, description,"
                    + " document_url) VALUES (?, ?, ?, 850.75, 'Diesel', '/uploads/expenses/receipt" + i + ".jpg')",
                    trip, category, driver);
        }
        api.sqlUpdate("UPDATE expenses SET status = 'approved' WHERE description = 'Diesel'"
                + " AND document_url LIKE '%1.jpg'");
        UUID lastTrip = api.sqlUuid("SELECT id FROM trips ORDER BY trip_number DESC LIMIT 1");
        api.sqlUpdate("INSERT INTO expenses (trip_id, category_id, submitted_by, amount, status)"
                + " VALUES (?, ?, ?, 120, 'denied')", lastTrip, category, driver);
        UUID water = api.sqlUuid("INSERT INTO stock_items (item_name, quantity, unit, unit_price)"
                + " VALUES ('Water bottles', 240, 'pieces', 3) RETURNING id");
        api.sqlUpdate("INSERT INTO stock_transactions (stock_item_id, transaction_type, quantity_change,"
                + " previous_quantity, new_quantity) VALUES (?, 'remove', 10, 250, 240)", water);
        api.sqlUpdate("INSERT INTO notifications (user_id, title, message) SELECT user_id, 'Odometer', 'Enter it'"
                + " FROM profiles WHERE id = ?", driver);
        api.sqlUpdate("INSERT INTO invoices (invoice_number, customer_name, total_amount) VALUES ('INV-1', 'ACME', 5900)");
        api.sqlUpdate("INSERT INTO security_audit_log (action, resource_type, details) VALUES"
                + " ('login', 'user', '{\"ip\": \"127.0.0.1\"}'::jsonb)");
        return driverEmail;
    }

    private static Map<String, byte[]> arrangeUploads(Path uploads) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Random random = new Random(42);
        for (String name : List.of("expenses/receipt1.jpg", "expenses/receipt2.pdf", "repairs/engine.png",
                "logos/company-logo.svg")) {
            byte[] bytes = new byte[name.endsWith(".svg") ? 120 : 70_000];
            random.nextBytes(bytes);
            Path file = uploads.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            files.put(name, bytes);
        }
        return files;
    }

    /** Per table: row count and a digest of every row's text form, in a stable order. */
    private static Map<String, String> tableFingerprints(String database) throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = TestDatabases.connect(database)) {
            Map<String, Long> counts = DatabaseFacts.rowCounts(c);
            try (Statement st = c.createStatement()) {
                for (String table : counts.keySet()) {
                    String[] parts = table.split("\\.");
                    try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, '|'"
                            + " ORDER BY t::text)), '') FROM " + parts[0] + "." + parts[1] + " t")) {
                        rs.next();
                        result.put(table, rs.getLong(1) + ":" + rs.getString(2));
                    }
                }
            }
        }
        return result;
    }

    private static long count(String database, String table) throws Exception {
        try (Connection c = TestDatabases.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Config config(String database, Path uploads) {
        Map<String, String> env = new HashMap<>(MainProcess.databaseEnv(database));
        env.put("UPLOAD_DIR", uploads.toString());
        return ConfigLoader.load(env);
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
