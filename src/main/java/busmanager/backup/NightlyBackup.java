package busmanager.backup;

import busmanager.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly backup inside the server (env {@code BACKUP_AT}, HH:MM in the business zone): one virtual
 * thread that waits for the slot, writes {@code <BACKUP_DIR>/busmanager-<stamp>.zip} and keeps the newest
 * {@code BACKUP_KEEP} archives. It waits in short steps and re-reads the clock each time, because a
 * Raspberry Pi has no battery clock: its time jumps when NTP sets it after boot. A slot missed by more
 * than an hour (such a jump) is skipped rather than run at an odd time.
 */
public final class NightlyBackup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NightlyBackup.class);
    private static final Duration LATE_LIMIT = Duration.ofHours(1);

    private final Config config;
    private final Clock clock;
    private final LocalTime at;
    private final Duration checkEvery;
    private final Thread thread;

    NightlyBackup(Config config, Clock clock, Duration checkEvery) {
        this.config = config;
        this.clock = clock;
        this.at = LocalTime.parse(config.jobs().backupAt());
        this.checkEvery = checkEvery;
        this.thread = Thread.ofVirtual().name("nightly-backup").start(this::loop);
    }

    /** Starts the nightly backup when jobs are on and {@code BACKUP_AT} is set; otherwise null. */
    public static NightlyBackup start(Config config, Clock clock) {
        if (!config.jobs().enabled() || config.jobs().backupAt() == null) {
            return null;
        }
        LOG.info("Nightly backup at {} ({}) into {}, keeping the newest {}", config.jobs().backupAt(),
                config.businessZone(), config.backupDir().toAbsolutePath(), config.jobs().backupKeep());
        return new NightlyBackup(config, clock, Duration.ofSeconds(30));
    }

    /** The first slot strictly after {@code now}. */
    static Instant nextRun(Instant now, LocalTime at, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), at, zone);
        if (!candidate.toInstant().isAfter(now)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), at, zone);
        }
        return candidate.toInstant();
    }

    private void loop() {
        try {
            while (true) {
                Instant next = nextRun(clock.instant(), at, config.businessZone());
                Instant now;
                while ((now = clock.instant()).isBefore(next)) {
                    Duration left = Duration.between(now, next);
                    Thread.sleep(left.compareTo(checkEvery) < 0 ? left.plusMillis(1) : checkEvery);
                }
                if (Duration.between(next, now).compareTo(LATE_LIMIT) > 0) {
                    LOG.warn("Skipping the backup of {}: the clock jumped to {}", next, now);
                    continue;
                }
                runOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One backup plus pruning; failures are logged and retried at the next slot. */
    boolean runOnce() throws InterruptedException {
        Path file = Backup.standardFile(config, clock);
        try {
            long started = System.nanoTime();
            Manifest manifest = Backup.create(config, file, clock);
            LOG.info("Nightly backup written to {} in {} ms: {}", file.toAbsolutePath(),
                    (System.nanoTime() - started) / 1_000_000, Backup.describe(manifest));
            for (Path old : Backup.prune(config.backupDir(), config.jobs().backupKeep())) {
                LOG.info("Deleted old backup {}", old.getFileName());
            }
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("Nightly backup to {} failed: {}", file.toAbsolutePath(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
