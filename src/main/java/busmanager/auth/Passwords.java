package busmanager.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import busmanager.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * bcrypt as the old stack wrote it: verifies {@code $2a$} (pgcrypto, Go), {@code $2b$} (passlib) and
 * {@code $2y$} at any cost; new hashes are {@code $2b$} cost 12. The key is built the OpenBSD way — the
 * password's UTF-8 bytes plus a NUL, cut at 72 bytes — so long passwords match the other implementations
 * instead of being refused.
 *
 * <p>A hash costs hundreds of milliseconds of pure CPU. Requests run on virtual threads, whose few carrier
 * threads are not preempted: a burst of logins hashing on them would stall every other request, including
 * those holding a pooled connection. So hashing runs on a small pool of ordinary threads (one core is left to
 * the rest of the API) and the request's virtual thread simply waits for the result.
 *
 * <p>That pool takes no more work than it can finish within about twenty seconds (judged by how long recent hashes
 * took, so a Raspberry Pi takes fewer than a PC): a flood of sign-ins beyond that is answered at once with 503,
 * instead of queueing for minutes and hashing for clients that have long given up.
 */
public final class Passwords {
    private static final int COST = 12;
    private static final int MAX_KEY_BYTES = 72;
    private static final BCrypt.Version PLAIN_2B = new BCrypt.Version(new byte[] {'2', 'b'}, true, false,
            MAX_KEY_BYTES, BCrypt.Version.VERSION_2B.formatter, BCrypt.Version.VERSION_2B.parser);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern BCRYPT_SHAPE = Pattern.compile("\\$2[abyx]\\$\\d\\d\\$.{53}");
    private static final Hashers HASHERS = new Hashers(Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
            Duration.ofSeconds(20), Duration.ofMillis(300));

    private Passwords() {
    }

    /** @throws ApiException 503 when too many hashes are already waiting */
    public static String hash(String password) {
        return HASHERS.run(() -> hashNow(password));
    }

    /**
     * False for a wrong password and for anything that is not a bcrypt hash.
     *
     * @throws ApiException 503 when too many hashes are already waiting
     */
    public static boolean verify(String password, String storedHash) {
        // Settled here, not on a hashing thread: such an answer takes no time and must not count as a hash time.
        if (password == null || storedHash == null || !BCRYPT_SHAPE.matcher(storedHash).matches()) {
            return false;
        }
        return HASHERS.run(() -> verifyNow(password, storedHash));
    }

    /**
     * Platform threads and a queue they can work off within {@code maxWait}, estimated from the recent hashing
     * times. Work refused at the door, or found to have waited twice that long when its turn comes (its client
     * has most likely gone), ends in a 503.
     */
    static final class Hashers {
        static final String BUSY = "Too many sign-ins at once. Please try again in a moment.";
        private final int threads;
        private final ThreadPoolExecutor pool;
        private final long maxWaitNanos;
        private final AtomicLong typicalNanos;

        Hashers(int threads, Duration maxWait, Duration firstEstimate) {
            this.threads = threads;
            this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(threads * 256),
                    Thread.ofPlatform().daemon().name("bcrypt-", 1).factory(), new ThreadPoolExecutor.AbortPolicy());
            this.maxWaitNanos = maxWait.toNanos();
            this.typicalNanos = new AtomicLong(firstEstimate.toNanos());
        }

        <T> T run(Callable<T> work) {
            long queuedAt = System.nanoTime();
            long expectedWait = (pool.getQueue().size() / threads + 1) * typicalNanos.get();
            if (expectedWait > maxWaitNanos) {
                throw new ApiException(503, BUSY);
            }
            Future<T> result;
            try {
                result = pool.submit(() -> {
                    long started = System.nanoTime();
                    if (started - queuedAt > 2 * maxWaitNanos) {
                        throw new ApiException(503, BUSY);
                    }
                    try {
                        return work.call();
                    } finally {
                        long took = System.nanoTime() - started;
                        typicalNanos.updateAndGet(t -> t + (took - t) / 4); // moving average
                    }
                });
            } catch (RejectedExecutionException e) {
                throw new ApiException(503, BUSY);
            }
            try {
                return result.get();
            } catch (InterruptedException e) {
                result.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
    }

    private static String hashNow(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] key = key(password);
        try {
            return new String(BCrypt.with(PLAIN_2B).hash(COST, salt, key), StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static boolean verifyNow(String password, String storedHash) {
        byte[] key = key(password);
        try {
            BCrypt.HashData stored = BCrypt.Version.VERSION_2A.parser.parse(
                    storedHash.getBytes(StandardCharsets.US_ASCII));
            BCrypt.HashData computed = BCrypt.with(PLAIN_2B).hashRaw(stored.cost, stored.rawSalt, key);
            return MessageDigest.isEqual(stored.rawHash, computed.rawHash);
        } catch (IllegalBCryptFormatException | IllegalArgumentException e) {
            return false;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] key(String password) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(utf8, Math.min(utf8.length + 1, MAX_KEY_BYTES));
        Arrays.fill(utf8, (byte) 0);
        return key;
    }
}
