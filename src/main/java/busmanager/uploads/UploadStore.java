package busmanager.uploads;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload directory: which names may exist in it, where a name leads, and the atomic steps that put a
 * file in place. Only names the server could have chosen are ever resolved, so no request reaches a path
 * outside {@code <upload dir>/<subdir>/}.
 */
final class UploadStore {
    private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
    static final Set<String> SUBDIRS = Set.of("expenses", "repairs", "logos");
    /** {@code <uuid>.<ext>}; older files made by the old API may carry any short extension. */
    private static final Pattern UUID_NAME = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(\\.[A-Za-z0-9]{1,16})?");
    private static final Pattern LOGO_NAME = Pattern.compile(
            Pattern.quote(UploadTarget.LOGO_BASE_NAME) + "(\\.[A-Za-z0-9]{1,16})?");
    private static final String TEMP_PREFIX = ".upload-";
    private static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

    private final Path root;

    UploadStore(Path uploadDir) {
        this.root = uploadDir.toAbsolutePath().normalize();
    }

    Path dir(String subdir) {
        if (!SUBDIRS.contains(subdir)) {
            throw new IllegalArgumentException("not an upload sub-directory: " + subdir);
        }
        return root.resolve(subdir);
    }

    /**
     * The file a stored name stands for, or null when the sub-directory is unknown or the name is not one
     * the server could have stored (which rules out separators, {@code ..} and hidden temporary files).
     */
    Path resolve(String subdir, String name) {
        if (subdir == null || name == null || !SUBDIRS.contains(subdir)) {
            return null;
        }
        Pattern allowed = subdir.equals(UploadTarget.LOGO.subdir()) ? LOGO_NAME : UUID_NAME;
        if (!allowed.matcher(name).matches()) {
            return null;
        }
        Path dir = dir(subdir);
        Path file = dir.resolve(name).normalize();
        return file.startsWith(dir) && dir.equals(file.getParent()) ? file : null;
    }

    /** A fresh temporary name in the destination's directory, so that publishing it is a rename. */
    Path tempFile(UploadTarget target) {
        return dir(target.subdir()).resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
    }

    /** Moves a completely written file to its final name in one step; readers never see a partial file. */
    Path publish(Path temp, UploadTarget target, String storedName) throws IOException {
        Path destination = dir(target.subdir()).resolve(storedName);
        Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
        return destination;
    }

    /** Deletes every {@code company-logo*} file but the current one. */
    void removeOtherLogos(String currentName) throws IOException {
        try (DirectoryStream<Path> logos = Files.newDirectoryStream(dir(UploadTarget.LOGO.subdir()),
                UploadTarget.LOGO_BASE_NAME + "*")) {
            for (Path logo : logos) {
                if (!logo.getFileName().toString().equals(currentName)) {
                    Files.deleteIfExists(logo);
                }
            }
        }
    }

    static boolean isRegularFile(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Deletes temporary files left by a server that stopped in the middle of an upload. */
    void removeStaleTempFiles() {
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP_AGE));
        for (String subdir : SUBDIRS) {
            Path dir = root.resolve(subdir);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*.tmp")) {
                for (Path temp : temps) {
                    if (Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(temp);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Could not clean temporary upload files in {}: {}", dir, e.toString());
            }
        }
    }
}
