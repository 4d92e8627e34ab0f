package busmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import busmanager.http.ApiException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void hashesAre2bCost12AndVerify() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("$2b$12$").hasSize(60);
        assertThat(Passwords.verify("correct horse", hash)).isTrue();
        assertThat(Passwords.verify("correct horsf", hash)).isFalse();
    }

    @Test
    void knownVectorsOfOtherImplementations() {
        // OpenBSD/jBCrypt reference vectors
        assertThat(Passwords.verify("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isTrue();
        assertThat(Passwords.verify("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.")).isTrue();
        assertThat(Passwords.verify("abc", "$2b$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isTrue();
        assertThat(Passwords.verify("abd", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isFalse();
    }

    @Test
    void garbageHashesNeverVerify() {
        assertThat(Passwords.verify("x", "plaintext")).isFalse();
        assertThat(Passwords.verify("x", null)).isFalse();
        assertThat(Passwords.verify("x", "$2a$06$short")).isFalse();
    }

    @Test
    void aFullHashingQueueAnswers503AtOnce() throws Exception {
        // One thread, 600 ms a hash, 1 s of waiting at most: one running and one queued, the third is refused.
        Passwords.Hashers hashers = new Passwords.Hashers(1, Duration.ofSeconds(1), Duration.ofMillis(600));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = Thread.ofVirtual().start(() -> hashers.run(() -> {
            running.countDown();
            return release.await(10, TimeUnit.SECONDS);
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        Thread queued = Thread.ofVirtual().start(() -> hashers.run(() -> "queued"));
        Thread.sleep(100); // the second one now waits in the queue
        long start = System.nanoTime();
        assertThatThrownBy(() -> hashers.run(() -> "third")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(503))
                .hasMessageContaining("Too many sign-ins");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        release.countDown();
        busy.join();
        queued.join();
        Thread.sleep(50);
        assertThat(hashers.run(() -> "free again")).isEqualTo("free again");
    }

    @Test
    void workThatWaitedTooLongIsNotDoneAnyMore() throws Exception {
        Passwords.Hashers hashers = new Passwords.Hashers(1, Duration.ofMillis(25), Duration.ofMillis(1));
        Thread slow = Thread.ofVirtual().start(() -> hashers.run(() -> {
            Thread.sleep(300);
            return "slow";
        }));
        Thread.sleep(50);
        boolean[] ran = {false};
        assertThatThrownBy(() -> hashers.run(() -> ran[0] = true)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(503));
        assertThat(ran[0]).isFalse();
        slow.join();
    }
}
