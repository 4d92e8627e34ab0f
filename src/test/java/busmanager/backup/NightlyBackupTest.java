package busmanager.backup;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.config.Config;
import busmanager.config.ConfigLoader;
import busmanager.testing.MainProcess;
import busmanager.testing.MutableClock;
import busmanager.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** BACKUP_AT / BACKUP_DIR / BACKUP_KEEP: the nightly archive and its retention. */
class NightlyBackupTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void nextRunIsTheNextSlotInTheBusinessZone() {
        LocalTime at = LocalTime.of(2, 30);
        // 20:59 UTC = 02:29 IST the next day: one minute to go
        assertThat(NightlyBackup.nextRun(Instant.parse("2025-01-15T20:59:00Z"), at, KOLKATA))
                .isEqualTo(Instant.parse("2025-01-15T21:00:00Z"));
        // exactly at the slot: the next one is tomorrow
        assertThat(NightlyBackup.nextRun(Instant.parse("2025-01-15T21:00:00Z"), at, KOLKATA))
                .isEqualTo(Instant.parse("2025-01-16T21:00:00Z"));
        assertThat(NightlyBackup.nextRun(Instant.parse("2025-01-15T10:00:00Z"), at, KOLKATA))
                .isEqualTo(Instant.parse("2025-01-15T21:00:00Z"));
    }

    @Test
    void offUnlessBackupAtIsSetAndJobsAreOn() throws Exception {
        Map<String, String> env = new HashMap<>(MainProcess.databaseEnv("unused"));
        assertThat(NightlyBackup.start(ConfigLoader.load(env), MutableClock.system())).isNull();
        env.put("BACKUP_AT", "02:30");
        env.put("JOBS_ENABLED", "false");
        assertThat(NightlyBackup.start(ConfigLoader.load(env), MutableClock.system())).isNull();
    }

    @Test
    void writesAnArchiveAtTheSlotAndKeepsTheNewest() throws Exception {
        String database = TestDatabases.fresh();
        Path backups = Files.createTempDirectory("bm-nightly");
        Path uploads = Files.createTempDirectory("bm-up");
        Files.writeString(Files.createDirectories(uploads.resolve("expenses")).resolve("bill.jpg"), "jpeg");
        for (String old : List.of("busmanager-20250110-023000.zip", "busmanager-20250111-023000.zip",
                "busmanager-20250112-023000.zip")) {
            Files.writeString(backups.resolve(old), "old");
        }
        Path manual = Files.writeString(backups.resolve("before-upgrade.zip"), "kept: not a nightly name");
        Map<String, String> env = new HashMap<>(MainProcess.databaseEnv(database));
        env.put("UPLOAD_DIR", uploads.toString());
        env.put("BACKUP_DIR", backups.toString());
        env.put("BACKUP_AT", "02:30");
        env.put("BACKUP_KEEP", "2");
        Config config = ConfigLoader.load(env);
        MutableClock clock = new MutableClock(Instant.parse("2025-01-15T20:59:00Z"));
        try (NightlyBackup nightly = new NightlyBackup(config, clock, Duration.ofMillis(20))) {
            Thread.sleep(300);
            assertThat(archives(backups)).hasSize(3);
            clock.advance(Duration.ofMinutes(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(backups.resolve("busmanager-20250116-023100.zip")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            while (archives(backups).size() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            TestDatabases.drop(database);
        }
        assertThat(archives(backups)).containsExactly("busmanager-20250112-023000.zip",
                "busmanager-20250116-023100.zip");
        assertThat(manual).exists();
        try (var zip = new java.util.zip.ZipFile(backups.resolve("busmanager-20250116-023100.zip").toFile())) {
            assertThat(zip.getEntry("uploads/expenses/bill.jpg")).isNotNull();
            assertThat(zip.getEntry("database.pgdump")).isNotNull();
        }
    }

    @Test
    void aSlotMissedByAClockJumpIsSkipped() throws Exception {
        Path backups = Files.createTempDirectory("bm-nightly");
        Map<String, String> env = new HashMap<>(MainProcess.databaseEnv("bm_no_such_db"));
        env.put("BACKUP_DIR", backups.toString());
        env.put("BACKUP_AT", "02:30");
        MutableClock clock = new MutableClock(Instant.parse("1970-01-01T00:00:00Z"));
        try (NightlyBackup nightly = new NightlyBackup(ConfigLoader.load(env), clock, Duration.ofMillis(20))) {
            Thread.sleep(100);
            clock.set(Instant.parse("2025-01-15T10:00:00Z")); // NTP sets the clock after boot
            Thread.sleep(300);
        }
        assertThat(archives(backups)).isEmpty();
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private static List<String> archives(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> Backup.STANDARD_NAME.matcher(n).matches())
                    .sorted().toList();
        }
    }
}
