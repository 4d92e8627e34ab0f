package busmanager.backup;

import busmanager.config.Config;
import busmanager.db.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Puts a backup archive back: only into an EMPTY database (created when missing) and an upload folder
 * without files, so a restore can never mix two offices' data or overwrite anything. The dump is
 * restored in one transaction: if it fails, the database stays empty. The next normal start of the
 * server brings the schema up to date, exactly as for a database of an older version.
 */
public final class Restore {
    private Restore() {
    }

    /** Thrown when the restore is refused before anything was changed. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    public static Manifest run(Config config, Path archive) throws Refused, IOException, SQLException,
            InterruptedException {
        if (!Files.isRegularFile(archive)) {
            throw new Refused("No such backup file: " + archive);
        }
        try (ZipFile zip = open(archive)) {
            Manifest manifest = readManifest(zip, archive);
            ZipEntry dump = zip.getEntry(Backup.DATABASE_ENTRY);
            if (dump == null) {
                throw new Refused(archive + " has no " + Backup.DATABASE_ENTRY);
            }
            Path uploads = config.uploadDir().toAbsolutePath().normalize();
            checkEntryNames(zip, uploads, archive);
            long existingFiles = countFiles(uploads);
            if (existingFiles > 0) {
                throw new Refused("Refusing to restore: the upload folder " + uploads + " already holds "
                        + existingFiles + " file(s). Restore only fills an empty upload folder: move those files"
                        + " away or set UPLOAD_DIR to an empty folder.");
            }
            Migrations.ensureDatabaseExists(config);
            PgClient pg = new PgClient(config);
            try (Connection c = pg.connect()) {
                List<String> contents = DatabaseFacts.contents(c);
                if (!contents.isEmpty()) {
                    throw new Refused("Refusing to restore: database " + pg.databaseName() + " is not empty ("
                            + contents.size() + " objects, e.g. " + String.join(", ",
                            contents.subList(0, Math.min(3, contents.size()))) + "). Restore only goes into an empty"
                            + " database: drop it first (dropdb " + pg.databaseName() + ") or point DATABASE_URL /"
                            + " POSTGRES_DB at a new database name; a missing database is created.");
                }
            }
            try (InputStream in = zip.getInputStream(dump)) {
                pg.run(List.of("pg_restore", "--dbname=" + pg.databaseName(), "--no-owner", "--no-privileges",
                        "--single-transaction", "--exit-on-error"), in, null);
            }
            checkRowCounts(pg, manifest);
            extractUploads(zip, uploads);
            return manifest;
        }
    }

    private static ZipFile open(Path archive) throws Refused, IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new Refused(archive + " is not a BusManager backup archive (not a zip file)");
        }
    }

    private static Manifest readManifest(ZipFile zip, Path archive) throws Refused, IOException {
        ZipEntry entry = zip.getEntry(Backup.MANIFEST_ENTRY);
        if (entry == null) {
            throw new Refused(archive + " is not a BusManager backup archive (no " + Backup.MANIFEST_ENTRY + ")");
        }
        Manifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = Manifest.parse(in.readNBytes(1 << 20));
        } catch (IOException e) {
            throw new Refused(archive + ": " + e.getMessage());
        }
        if (manifest.formatVersion() > Manifest.FORMAT_VERSION) {
            throw new Refused(archive + " was written in backup format " + manifest.formatVersion()
                    + "; this BusManager reads format " + Manifest.FORMAT_VERSION + ". Restore it with a newer build.");
        }
        int latest = Migrations.latestBundledVersion();
        if (manifest.schemaVersion() > latest) {
            throw new Refused(archive + " holds schema version " + manifest.schemaVersion() + ", made by a newer"
                    + " BusManager; this build knows versions up to " + latest + ". Restore it with a newer build.");
        }
        return manifest;
    }

    private static void checkRowCounts(PgClient pg, Manifest manifest) throws SQLException, IOException {
        Map<String, Long> restored;
        try (Connection c = pg.connect()) {
            restored = DatabaseFacts.rowCounts(c);
        }
        List<String> differences = new ArrayList<>();
        manifest.tableRows().forEach((table, rows) -> {
            Long now = restored.get(table);
            if (!rows.equals(now)) {
                differences.add(table + ": backup " + rows + ", restored " + now);
            }
        });
        if (!differences.isEmpty()) {
            throw new IOException("the restored database differs from the backup's manifest: " + differences);
        }
    }

    private static void extractUploads(ZipFile zip, Path uploads) throws IOException {
        Files.createDirectories(uploads);
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory() || !name.startsWith(Backup.UPLOADS_PREFIX)) {
                continue;
            }
            Path target = safeTarget(uploads, name.substring(Backup.UPLOADS_PREFIX.length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
            if (entry.getLastModifiedTime() != null) {
                Files.setLastModifiedTime(target, entry.getLastModifiedTime());
            }
        }
        for (String sub : new String[] {"expenses", "repairs", "logos"}) {
            Files.createDirectories(uploads.resolve(sub));
        }
    }

    /** The file an archive entry names inside the upload folder; never a path outside it. */
    static Path safeTarget(Path uploads, String relative) throws IOException {
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0")) {
            throw new IOException("unsafe file name in archive: " + relative);
        }
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IOException("unsafe file name in archive: " + relative);
            }
        }
        Path target = uploads.resolve(relative).normalize();
        if (!target.startsWith(uploads) || target.equals(uploads)) {
            throw new IOException("unsafe file name in archive: " + relative);
        }
        return target;
    }

    private static void checkEntryNames(ZipFile zip, Path uploads, Path archive) throws Refused {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(Backup.UPLOADS_PREFIX) && !name.endsWith("/")) {
                try {
                    safeTarget(uploads, name.substring(Backup.UPLOADS_PREFIX.length()));
                } catch (IOException e) {
                    throw new Refused(archive + ": " + e.getMessage());
                }
            }
        }
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).count();
        }
    }
}
