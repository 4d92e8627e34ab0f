package busmanager.db;

import busmanager.config.Config;
import busmanager.http.Reply;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The connection pool and the two ways handlers use it: {@link #tx} for work (one transaction) and
 * {@link #list}/{@link #one} for JSON built by PostgreSQL. Every session runs in UTC, so timestamps
 * serialise as {@code ...+00:00} and naive client times mean UTC, as in the old API.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Config config;

    public Database(Config config) {
        this.config = config;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl());
        hc.setUsername(config.dbUser());
        hc.setPassword(config.dbPassword());
        hc.setMaximumPoolSize(config.dbPoolSize());
        hc.setMinimumIdle(1);
        hc.setPoolName("db");
        hc.setConnectionTimeout(10_000);
        hc.setIdleTimeout(120_000);
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("options", "-c TimeZone=UTC");
        hc.addDataSourceProperty("ApplicationName", "busmanager");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        this.pool = new HikariDataSource(hc);
    }

    public DataSource dataSource() {
        return pool;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T tx(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                c.rollback();
                throw t;
            }
        }
    }

    /** Runs read-only work in autocommit mode. */
    public <T> T read(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        }
    }

    /** The first column of the first row as text (e.g. a {@code json_build_object(...)}), or null. */
    public String one(String sql, Object... params) throws SQLException {
        return read(c -> Sql.text(c, sql, params));
    }

    /**
     * A JSON array whose elements are the first column of each row (JSON text built by PostgreSQL),
     * written to the client while the rows are read.
     */
    public Reply list(String sql, Object... params) {
        return new JsonArrayReply(pool, sql, params);
    }

    /**
     * True when the database server answers within a few seconds. Uses a connection of its own, not the
     * pool's: a busy pool is no outage, and a health check must never wait for the pool's timeout.
     */
    public boolean isReachable() {
        Properties p = new Properties();
        p.setProperty("user", config.dbUser());
        p.setProperty("password", config.dbPassword() == null ? "" : config.dbPassword());
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "3");
        p.setProperty("loginTimeout", "3");
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), p)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
