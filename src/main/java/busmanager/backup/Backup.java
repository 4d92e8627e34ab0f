package busmanager.backup;

import busmanager.config.Config;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one zip archive holding everything the office would lose with the disk: {@code database.pgdump}
 * ({@code pg_dump} custom format), {@code uploads/...} (the upload folder) and {@code manifest.json}.
 * The row counts in the manifest are read in the very snapshot {@code pg_dump} dumps, so they match it
 * even while the server keeps writing.
 */
public final class Backup {
    private static final Logger LOG = LoggerFactory.getLogger(Backup.class);
    static final String MANIFEST_ENTRY = "manifest.json";
    static final String DATABASE_ENTRY = "database.pgdump";
    static final String UPLOADS_PREFIX = "uploads/";
    /** Names of archives made without {@code --output}; only these are pruned by the nightly backup. */
    static final Pattern STANDARD_NAME = Pattern.compile("busmanager-\\d{8}-\\d{6}\\.zip");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

    private Backup() {
    }

    /** {@code <BACKUP_DIR>/busmanager-<yyyyMMdd-HHmmss>.zip}, the time in the business zone. */
    public static Path standardFile(Config config, Clock clock) {
        String stamp = LocalDateTime.now(clock.withZone(config.businessZone())).format(STAMP);
        return config.backupDir().resolve("busmanager-" + stamp + ".zip");
    }

    /** Writes the archive to {@code target} (through a {@code .part} file, so it appears only when complete). */
    public static Manifest create(Config config, Path target, Clock clock) throws IOException, SQLException,
            InterruptedException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path part = absolute.resolveSibling(absolute.getFileName() + ".part");
        PgClient pg = new PgClient(config);
        boolean done = false;
        try (Connection c = pg.connect();
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(part))) {
            zip.setLevel(Deflater.BEST_SPEED);
            c.setAutoCommit(false);
            Map<String, Long> rows;
            int schemaVersion;
            try (var st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                String snapshot;
                try (var rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
                rows = DatabaseFacts.rowCounts(c);
                schemaVersion = DatabaseFacts.schemaVersion(c);
                zip.putNextEntry(new ZipEntry(DATABASE_ENTRY));
                pg.run(List.of("pg_dump", "--format=custom", "--snapshot=" + snapshot), null, unclosable(zip));
                zip.closeEntry();
            } finally {
                c.rollback();
            }
            long[] uploads = addUploads(zip, config.uploadDir());
            Manifest manifest = Manifest.of(clock.instant(), schemaVersion, pg.databaseName(), rows, uploads[0],
                    uploads[1]);
            zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
            zip.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            zip.close();
            moveIntoPlace(part, absolute);
            done = true;
            return manifest;
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Adds every regular file under the upload folder; returns {files, bytes}. */
    private static long[] addUploads(ZipOutputStream zip, Path uploadDir) throws IOException {
        long files = 0;
        long bytes = 0;
        if (!Files.isDirectory(uploadDir)) {
            LOG.warn("Upload folder {} does not exist; the backup holds no uploads", uploadDir.toAbsolutePath());
            return new long[] {0, 0};
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(uploadDir)) {
            paths = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : paths) {
            String relative = uploadDir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            try (InputStream in = Files.newInputStream(file)) {
                ZipEntry entry = new ZipEntry(UPLOADS_PREFIX + relative);
                entry.setLastModifiedTime(Files.getLastModifiedTime(file));
                zip.putNextEntry(entry);
                bytes += in.transferTo(zip);
                zip.closeEntry();
                files++;
            } catch (NoSuchFileException e) {
                LOG.info("Upload {} was deleted while the backup ran; left out", relative);
            }
        }
        return new long[] {files, bytes};
    }

    /** Deletes the oldest standard-named archives in {@code dir} so that {@code keep} remain; returns them. */
    public static List<Path> prune(Path dir, int keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> archives;
        try (Stream<Path> list = Files.list(dir)) {
            archives = list.filter(p -> STANDARD_NAME.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                    .toList();
        }
        List<Path> deleted = new ArrayList<>();
        for (Path old : archives.subList(Math.min(keep, archives.size()), archives.size())) {
            Files.deleteIfExists(old);
            deleted.add(old);
        }
        return deleted;
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        Files.setLastModifiedTime(part, FileTime.fromMillis(System.currentTimeMillis()));
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The zip stream for a child process to write into without closing it. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Summary line for logs and the command line. */
    public static String describe(Manifest m) {
        Map<String, Long> main = new LinkedHashMap<>();
        for (String table : List.of("public.buses", "public.routes", "public.trips", "public.expenses",
                "public.profiles")) {
            if (m.tableRows().containsKey(table)) {
                main.put(table.substring(table.indexOf('.') + 1), m.tableRows().get(table));
            }
        }
        long total = m.tableRows().values().stream().mapToLong(Long::longValue).sum();
        return "schema version " + m.schemaVersion() + ", " + m.tableRows().size() + " tables, " + total + " rows "
                + main + ", " + m.uploadFiles() + " upload files (" + m.uploadBytes() + " bytes)";
    }
}
