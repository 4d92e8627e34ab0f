package busmanager.backup;

import busmanager.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code backup} job: writes {@code <BACKUP_DIR>/busmanager-<stamp>.zip} (database and uploads) and keeps
 * the newest {@code BACKUP_KEEP} archives of that name. The job scheduler runs it daily at {@code BACKUP_AT};
 * like every scheduled job its slot is claimed in {@code job_runs}, so servers sharing one database back it up
 * once. A failure is recorded as the run's error and the next slot tries again.
 */
public final class BackupJob {
    private final Config config;
    private final Clock clock;

    public BackupJob(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Map<String, Object> run(Instant at) throws Exception {
        Path file = Backup.standardFile(config, clock);
        Manifest manifest = Backup.create(config, file, clock);
        List<Path> deleted = Backup.prune(config.backupDir(), config.jobs().backupKeep());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", file.toAbsolutePath().toString());
        result.put("tables", manifest.tableRows().size());
        result.put("rows", manifest.tableRows().values().stream().mapToLong(Long::longValue).sum());
        result.put("upload_files", manifest.uploadFiles());
        result.put("deleted", deleted.stream().map(p -> p.getFileName().toString()).toList());
        return result;
    }
}
