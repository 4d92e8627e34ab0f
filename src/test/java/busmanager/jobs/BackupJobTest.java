package busmanager.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BACKUP_AT / BACKUP_DIR / BACKUP_KEEP: the backup job, its slot and the retention of its archives. */
@TestMethodOrder(OrderAnnotation.class)
class BackupJobTest {
    static final Path BACKUPS = tempDir();

    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-01-15T20:59:00Z")))
            .env("BACKUP_DIR", BACKUPS.toString()).env("BACKUP_AT", "02:30").env("BACKUP_KEEP", "2");

    @BeforeAll
    static void oldArchives() throws Exception {
        Files.writeString(Files.createDirectories(api.uploadDir().resolve("expenses")).resolve("bill.jpg"), "jpeg");
        for (String old : List.of("busmanager-20250110-023000.zip", "busmanager-20250111-023000.zip",
                "busmanager-20250112-023000.zip")) {
            Files.writeString(BACKUPS.resolve(old), "old");
        }
        Files.writeString(BACKUPS.resolve("before-upgrade.zip"), "kept: not a nightly name");
    }

    @Test
    @Order(1)
    void runsOnceAtItsSlotAcrossServersAndKeepsTheNewest() throws Exception {
        MutableClock clock = api.clock(); // 02:29 in Kolkata on 2025-01-16
        JobRunner jobs = api.app().jobs();
        assertThat(jobs.job("backup").schedule().describe()).isEqualTo("daily at 02:30");
        JobScheduler first = new JobScheduler(jobs, clock, Set.of("backup"));
        JobScheduler second = new JobScheduler(jobs, clock, Set.of("backup"));
        try {
            first.tick();
            assertThat(archives()).hasSize(3);
            clock.advance(Duration.ofMinutes(2));
            first.tick();
            second.tick();
            first.tick();
        } finally {
            first.close();
            second.close();
        }
        assertThat(archives()).containsExactly("busmanager-20250112-023000.zip", "busmanager-20250116-023100.zip");
        assertThat(BACKUPS.resolve("before-upgrade.zip")).exists();
        try (ZipFile zip = new ZipFile(BACKUPS.resolve("busmanager-20250116-023100.zip").toFile())) {
            assertThat(zip.getEntry("uploads/expenses/bill.jpg")).isNotNull();
            assertThat(zip.getEntry("database.pgdump")).isNotNull();
        }
        List<Map<String, Object>> runs = api.sqlRows("SELECT slot, result FROM job_runs WHERE job = 'backup'");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("slot")).isEqualTo("2025-01-16");
        assertThat((String) runs.get(0).get("result")).contains("busmanager-20250116-023100.zip")
                .contains("busmanager-20250110-023000.zip"); // among the deleted
    }

    @Test
    @Order(2)
    void anAdminCanStartABackupNow() throws Exception {
        api.clock().advance(Duration.ofMinutes(5));
        String admin = api.newAdmin();
        Res r = api.post("/jobs/backup/run", admin, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        Path file = Path.of(r.json().get("result").get("file").asText());
        assertThat(file).exists().hasParent(BACKUPS.toAbsolutePath());
        assertThat(r.json().get("result").get("rows").asLong()).isPositive();
        assertThat(api.post("/jobs/backup/run", api.newDriver(), Map.of()).status()).isEqualTo(403);
    }

    private static List<String> archives() throws Exception {
        try (Stream<Path> files = Files.list(BACKUPS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("busmanager-\\d{8}-\\d{6}\\.zip"))
                    .sorted().toList();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("bm-backup-job");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
