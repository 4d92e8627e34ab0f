package busmanager.db;

import busmanager.config.Config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the schema this build expects. An empty database gets every migration; a database
 * made by the old Python stack (its tables, no migration history) is adopted at version 1 without touching
 * a row and then gets the newer migrations. Flyway (several MiB of classes) runs only in a short-lived
 * child process, and only when the bundled migrations are newer than what the database records.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");
    private static final Pattern JDBC_DB = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final long MIGRATION_LOCK = 0x6275736d_616e6167L;

    private Migrations() {
    }

    /** The highest migration version packed in this build. */
    public static int latestBundledVersion() {
        int max = 0;
        for (String name : bundledMigrationNames()) {
            Matcher m = VERSIONED.matcher(name);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max;
    }

    static List<String> bundledMigrationNames() {
        List<String> names = new ArrayList<>();
        try {
            Path source = Path.of(Migrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (var files = Files.list(source.resolve(LOCATION))) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            } else {
                try (JarFile jar = new JarFile(source.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(LOCATION + "/") && n.endsWith(".sql"))
                            .forEach(n -> names.add(n.substring(LOCATION.length() + 1)));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list bundled migrations", e);
        }
        return names;
    }

    /** The highest successfully applied version recorded in the database (0 when none). */
    public static int appliedVersion(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            if (Sql.text(c, "SELECT to_regclass('public.flyway_schema_history')::text") == null) {
                return 0;
            }
            String v = Sql.text(c, "SELECT max(version::int) FROM flyway_schema_history "
                    + "WHERE success AND version ~ '^[0-9]+$'");
            return v == null ? 0 : Integer.parseInt(v);
        }
    }

    /** Runs the migrations in a child JVM if the database is behind this build. */
    public static void ensureCurrent(Config config, DataSource ds) throws SQLException, IOException,
            InterruptedException {
        int latest = latestBundledVersion();
        int applied = appliedVersion(ds);
        if (applied >= latest) {
            return;
        }
        LOG.info("Database schema at version {}, this build needs {}: migrating", applied, latest);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "busmanager.Main", "migrate");
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("DATABASE_URL", config.jdbcUrl());
        pb.environment().put("POSTGRES_USER", config.dbUser());
        pb.environment().put("POSTGRES_PASSWORD", config.dbPassword());
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("database migration failed (exit code " + exit + ")");
        }
    }

    /** Applies the migrations in this JVM (the {@code migrate} command). */
    public static void migrate(Config config) throws SQLException {
        ensureDatabaseExists(config);
        try (Connection lock = connect(config, config.jdbcUrl())) {
            Sql.text(lock, "SELECT pg_advisory_lock(?)::text", MIGRATION_LOCK);
            try {
                Flyway flyway = Flyway.configure()
                        .dataSource(config.jdbcUrl(), config.dbUser(), config.dbPassword())
                        .locations("classpath:" + LOCATION)
                        .baselineVersion("1")
                        .baselineDescription("schema made by the old stack")
                        .load();
                if (isOldStackWithoutHistory(lock)) {
                    LOG.info("Adopting a database made by the old stack (baseline at version 1)");
                    flyway.baseline();
                }
                var result = flyway.migrate();
                LOG.info("Migrations applied: {}; schema version now {}", result.migrationsExecuted,
                        result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
            } finally {
                Sql.text(lock, "SELECT pg_advisory_unlock(?)::text", MIGRATION_LOCK);
            }
        }
    }

    private static boolean isOldStackWithoutHistory(Connection c) throws SQLException {
        return Sql.text(c, "SELECT to_regclass('public.flyway_schema_history')::text") == null
                && Sql.text(c, "SELECT to_regclass('public.profiles')::text") != null;
    }

    /** Creates the configured database when the server does not have it yet. */
    public static void ensureDatabaseExists(Config config) throws SQLException {
        try (Connection ignored = connect(config, config.jdbcUrl())) {
            return;
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                throw e;
            }
        }
        Matcher m = JDBC_DB.matcher(config.jdbcUrl());
        if (!m.matches() || !m.group(2).matches("[A-Za-z0-9_]+")) {
            throw new SQLException("database in " + config.jdbcUrl() + " does not exist and cannot be created");
        }
        String maintenance = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = connect(config, maintenance)) {
            LOG.info("Creating database {}", m.group(2));
            Sql.update(c, "CREATE DATABASE " + m.group(2));
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another process
                throw e;
            }
        }
    }

    static Connection connect(Config config, String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.dbUser());
        p.setProperty("password", config.dbPassword() == null ? "" : config.dbPassword());
        p.setProperty("options", "-c TimeZone=UTC");
        return DriverManager.getConnection(url, p);
    }

}
