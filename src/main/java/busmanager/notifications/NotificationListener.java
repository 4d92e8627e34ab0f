package busmanager.notifications;

import busmanager.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection per instance, outside the pool, that LISTENs for notifications written by any instance and
 * hands them to the {@link NotificationHub}. Reconnects with a growing pause when the database goes away.
 */
public final class NotificationListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    /** How long one wait for notifications blocks; also how quickly {@link #close} is noticed. */
    private static final int WAIT_MILLIS = 1000;

    private final Config config;
    private final NotificationHub hub;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;

    public NotificationListener(Config config, NotificationHub hub) {
        this.config = config;
        this.hub = hub;
        this.thread = new Thread(this::run, "notification-listener");
        this.thread.setDaemon(true);
    }

    public NotificationListener start() {
        thread.start();
        return this;
    }

    /** True while the LISTEN connection is up (for tests and diagnostics). */
    public boolean listening() {
        return listening;
    }

    private void run() {
        long pauseMillis = 1000;
        while (running) {
            try (Connection c = connect()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + NotificationHub.CHANNEL);
                }
                listening = true;
                pauseMillis = 1000;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification n : received) {
                            hub.deliverPayload(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("Live notification listener lost its database connection ({}); retrying in {} s",
                        e.getMessage(), pauseMillis / 1000);
            } finally {
                listening = false;
            }
            if (!sleep(pauseMillis)) {
                break;
            }
            pauseMillis = Math.min(pauseMillis * 2, 60_000);
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.dbUser());
        p.setProperty("password", config.dbPassword() == null ? "" : config.dbPassword());
        p.setProperty("ApplicationName", "busmanager-listen");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    /** Pauses before reconnecting, in short steps so that close() is not held up. */
    private boolean sleep(long millis) {
        try {
            for (long slept = 0; slept < millis && running; slept += 200) {
                Thread.sleep(200);
            }
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(3 * WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
