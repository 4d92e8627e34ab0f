package busmanager.system;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back to the Pi after a burst of requests. The serial collector resizes the heap only at a full
 * collection, and a quiet server allocates nothing that would cause one: after a busy morning the heap would
 * stay at its peak size all day. So once no request has come for {@link #QUIET}, and some came since the last
 * time, this runs one full collection; the heap shrinks to what is live plus {@code MaxHeapFreeRatio} and the
 * rest is returned to the system. It costs a few milliseconds of an idle CPU. The quiet time is longer than the
 * JDK HTTP server keeps idle connections (30 to 40 s): their buffers would otherwise still be live.
 */
public final class IdleHeapTrim implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdleHeapTrim.class);
    static final Duration QUIET = Duration.ofSeconds(60);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final LongSupplier lastRequestNanos;
    private final Duration quiet;
    private final Thread thread;
    private long trimmedAfter;
    private volatile int trims;

    /** @param lastRequestNanos {@link System#nanoTime()} of the latest request, 0 before the first */
    public IdleHeapTrim(LongSupplier lastRequestNanos) {
        this(lastRequestNanos, QUIET, CHECK_EVERY);
    }

    IdleHeapTrim(LongSupplier lastRequestNanos, Duration quiet, Duration checkEvery) {
        this.lastRequestNanos = lastRequestNanos;
        this.quiet = quiet;
        this.thread = Thread.ofVirtual().name("idle-heap-trim").start(() -> loop(checkEvery));
    }

    private void loop(Duration checkEvery) {
        try {
            while (true) {
                Thread.sleep(checkEvery);
                trimIfQuiet(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void trimIfQuiet(long now) {
        long last = lastRequestNanos.getAsLong();
        if (last == 0 || last == trimmedAfter || now - last < quiet.toNanos()) {
            return;
        }
        trimmedAfter = last;
        long started = System.nanoTime();
        System.gc();
        trims++;
        LOG.debug("Idle: full collection in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** How many collections this has run (for tests). */
    int trims() {
        return trims;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
