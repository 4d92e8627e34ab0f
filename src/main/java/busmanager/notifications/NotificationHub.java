package busmanager.notifications;

import busmanager.db.Database;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is listening on this instance, and handing them new notifications. A stream is a small bounded queue
 * read by the virtual thread that serves the HTTP response; nothing else is kept per user. Notifications
 * created on other instances arrive through {@link NotificationListener} (PostgreSQL LISTEN/NOTIFY).
 */
public final class NotificationHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationHub.class);
    static final String CHANNEL = "busmanager_notifications";
    private static final int QUEUE_SIZE = 64;
    /** Put on a queue to end its stream (server shutting down). */
    static final String CLOSED = "";

    private final Database db;
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<UUID, Set<Subscription>> byUser = new ConcurrentHashMap<>();

    public NotificationHub(Database db) {
        this.db = db;
    }

    /** One open stream: the user and the queue of Notification JSON texts waiting to be written. */
    public static final class Subscription {
        private final UUID userId;
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
        private volatile boolean overflowed;

        private Subscription(UUID userId) {
            this.userId = userId;
        }

        public UUID userId() {
            return userId;
        }

        public BlockingQueue<String> queue() {
            return queue;
        }

        /** True when the client read too slowly and notifications were dropped: the stream should end. */
        public boolean overflowed() {
            return overflowed;
        }
    }

    public Subscription subscribe(UUID userId) {
        Subscription s = new Subscription(userId);
        byUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(s);
        return s;
    }

    public void unsubscribe(Subscription s) {
        byUser.computeIfPresent(s.userId, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    /** Number of open streams on this instance. */
    public int streamCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    String payload(UUID userId, UUID notificationId) {
        return instanceId + " " + userId + " " + notificationId;
    }

    /** A NOTIFY payload from the listener; notifications made by this instance were delivered already. */
    void deliverPayload(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(" ");
        if (parts.length != 3 || parts[0].equals(instanceId)) {
            return;
        }
        try {
            deliver(UUID.fromString(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring malformed notification payload");
        }
    }

    /** Loads the notification and queues it on every stream of the user; nothing happens without streams. */
    public void deliver(UUID userId, UUID notificationId) {
        Set<Subscription> subs = byUser.get(userId);
        if (subs == null || subs.isEmpty()) {
            return;
        }
        String json;
        try {
            json = db.one(Notifications.JSON + " WHERE n.id = ?", notificationId);
        } catch (SQLException e) {
            LOG.warn("Could not load notification {} for its live stream: {}", notificationId, e.toString());
            return;
        }
        if (json == null) {
            return; // deleted meanwhile
        }
        for (Subscription s : subs) {
            if (!s.queue.offer(json)) {
                s.overflowed = true;
                s.queue.clear();
                s.queue.offer(CLOSED);
            }
        }
    }

    /** Ends every open stream. */
    @Override
    public void close() {
        for (Set<Subscription> subs : byUser.values()) {
            for (Subscription s : subs) {
                s.queue.clear();
                s.queue.offer(CLOSED);
            }
        }
    }
}
