package busmanager.testing;

import busmanager.config.Config;
import busmanager.config.ConfigLoader;
import busmanager.db.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Real PostgreSQL databases for tests. The migrated schema is built once into a template database named
 * after a hash of the migrations; each test class then gets its own copy, which takes milliseconds.
 */
public final class TestDatabases {
    public static final String HOST = System.getenv().getOrDefault("TEST_PGHOST", "127.0.0.1");
    public static final String PORT = System.getenv().getOrDefault("TEST_PGPORT", "5432");
    public static final String USER = System.getenv().getOrDefault("TEST_PGUSER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("TEST_PGPASSWORD", "");
    private static String template;

    private TestDatabases() {
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        var props = new java.util.Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("options", "-c TimeZone=UTC");
        return DriverManager.getConnection(url(database), props);
    }

    /** A new database with the current schema. */
    public static synchronized String fresh() throws Exception {
        String name = "bm_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String tpl = template();
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            for (int attempt = 0; ; attempt++) {
                try {
                    st.execute("CREATE DATABASE " + name + " TEMPLATE " + tpl);
                    return name;
                } catch (SQLException e) {
                    // another process may be copying the same template at this instant
                    if (attempt >= 20 || !"55006".equals(e.getSQLState())) {
                        throw e;
                    }
                    Thread.sleep(100 + attempt * 50L);
                }
            }
        }
    }

    /** A new, completely empty database. */
    public static String empty() throws SQLException {
        String name = "bm_e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    public static void drop(String name) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    public static Config configFor(String database) {
        return ConfigLoader.load(Map.of("DATABASE_URL", url(database), "POSTGRES_USER", USER,
                "POSTGRES_PASSWORD", PASSWORD));
    }

    private static String template() throws Exception {
        if (template != null) {
            return template;
        }
        String name = "bm_tpl_" + migrationsHash();
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(7212)");
            try {
                boolean exists;
                try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    exists = rs.next();
                }
                if (!exists) {
                    String building = name + "_b";
                    st.execute("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
                    st.execute("CREATE DATABASE " + building);
                    Migrations.migrate(configFor(building));
                    st.execute("ALTER DATABASE " + building + " RENAME TO " + name);
                }
            } finally {
                st.execute("SELECT pg_advisory_unlock(7212)");
            }
        }
        template = name;
        return name;
    }

    private static String migrationsHash() throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Path dir = Path.of("src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir).sorted()) {
            for (Path f : (Iterable<Path>) files::iterator) {
                md.update(f.getFileName().toString().getBytes());
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    }
}
