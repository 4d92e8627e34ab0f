package busmanager.cli;

import busmanager.backup.Backup;
import busmanager.backup.Manifest;
import busmanager.backup.Restore;
import busmanager.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** {@code backup [--output FILE]} and {@code restore FILE}. */
public final class BackupCommands {
    private BackupCommands() {
    }

    public static void backup(Config config, Map<String, String> o) throws Exception {
        for (String key : o.keySet()) {
            if (!key.equals("output")) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        Path target = o.containsKey("output") ? Path.of(o.get("output")) : Backup.standardFile(config, Clock.systemUTC());
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists; choose another --output");
        }
        Manifest manifest = Backup.create(config, target, Clock.systemUTC());
        System.out.println("Backup written to " + target.toAbsolutePath() + " (" + Files.size(target) + " bytes): "
                + Backup.describe(manifest));
    }

    public static void restore(Config config, String[] args) throws Exception {
        if (args.length != 2 || args[1].startsWith("--")) {
            throw new IllegalArgumentException("restore needs exactly one backup file: restore FILE");
        }
        Manifest manifest = Restore.run(config, Path.of(args[1]));
        System.out.println("Restored " + args[1] + " (made " + manifest.createdAt() + " from database "
                + manifest.database() + "): " + Backup.describe(manifest) + ". Uploads are in "
                + config.uploadDir().toAbsolutePath() + ". Start the server as usual; it brings the schema up to date.");
    }
}
