package busmanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One full collection per quiet spell after requests, none while busy or before the first request. */
class IdleHeapTrimTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void collectsOnceAfterEachBusySpell() {
        AtomicLong lastRequest = new AtomicLong();
        try (IdleHeapTrim trim = new IdleHeapTrim(lastRequest::get, Duration.ofSeconds(30), Duration.ofHours(1))) {
            trim.trimIfQuiet(100 * SECOND);
            assertThat(trim.trims()).as("no request yet").isZero();

            lastRequest.set(100 * SECOND);
            trim.trimIfQuiet(129 * SECOND);
            assertThat(trim.trims()).as("still busy").isZero();
            trim.trimIfQuiet(130 * SECOND);
            assertThat(trim.trims()).isEqualTo(1);
            trim.trimIfQuiet(500 * SECOND);
            assertThat(trim.trims()).as("nothing new since").isEqualTo(1);

            lastRequest.set(600 * SECOND);
            trim.trimIfQuiet(640 * SECOND);
            assertThat(trim.trims()).isEqualTo(2);
        }
    }
}
