package busmanager.uploads;

import busmanager.Deps;
import busmanager.auth.Principal;
import busmanager.db.Database;
import busmanager.http.ApiException;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * POST /upload/{expense,repair,logo} and DELETE /upload/{expense,repair}/{filename} (api.md §14): files are
 * typed by their content, stored under names the server chooses, and deleted only by their uploader or an
 * admin.
 */
public final class UploadRoutes {
    /** How much of a refused upload is still read, so the client is there to get the answer. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final Database db;
    private final Clock clock;
    private final long maxBytes;
    private final UploadStore store;
    /** Replacing the logo is a rename plus removing the others: one replacement at a time. */
    private final ReentrantLock logoLock = new ReentrantLock();

    public UploadRoutes(Deps deps) {
        this.db = deps.db();
        this.clock = deps.clock();
        this.maxBytes = deps.config().uploadMaxBytes();
        this.store = new UploadStore(deps.config().uploadDir());
        store.removeStaleTempFiles();
    }

    public Reply uploadExpense(Request req) throws Exception {
        return upload(req, UploadTarget.EXPENSE);
    }

    public Reply uploadRepair(Request req) throws Exception {
        return upload(req, UploadTarget.REPAIR);
    }

    public Reply uploadLogo(Request req) throws Exception {
        return upload(req, UploadTarget.LOGO);
    }

    public Reply deleteExpense(Request req) throws Exception {
        return delete(req, UploadTarget.EXPENSE);
    }

    public Reply deleteRepair(Request req) throws Exception {
        return delete(req, UploadTarget.REPAIR);
    }

    private Reply upload(Request req, UploadTarget target) throws IOException, SQLException {
        Path temp = store.tempFile(target);
        try {
            UploadReceiver.Received file = UploadReceiver.receive(req.rawBody(), req.header("Content-Type"), target,
                    maxBytes, temp);
            String name = target.storedName(file.type(), UUID.randomUUID().toString());
            if (target == UploadTarget.LOGO) {
                logoLock.lock();
                try {
                    publish(req.user(), target, temp, name, file);
                } finally {
                    logoLock.unlock();
                }
            } else {
                publish(req.user(), target, temp, name, file);
            }
            return Reply.of("url", "/uploads/" + target.subdir() + "/" + name, "filename", name,
                    "content_type", file.type().mime());
        } finally {
            Files.deleteIfExists(temp);
            drain(req.rawBody());
        }
    }

    /** Records the uploader and renames the file into place in one transaction (no row without a file). */
    private void publish(Principal who, UploadTarget target, Path temp, String name, UploadReceiver.Received file)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.tx(c -> {
            UploadRecords.record(c, target.subdir(), name, who.profileId(), file.type(), file.size(), now);
            if (target == UploadTarget.LOGO) {
                UploadRecords.forgetAllBut(c, target.subdir(), name);
            }
            try {
                store.publish(temp, target, name);
                if (target == UploadTarget.LOGO) {
                    store.removeOtherLogos(name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private Reply delete(Request req, UploadTarget target) throws SQLException {
        String name = req.pathParam("filename");
        // The router percent-decodes each segment, so "%2F" or "%2E%2E" arrive here as "/" or "..".
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..")
                || name.indexOf('\0') >= 0) {
            throw ApiException.badRequest("Invalid filename");
        }
        Path file = store.resolve(target.subdir(), name);
        if (file == null || !UploadStore.isRegularFile(file)) {
            throw ApiException.notFound("File not found");
        }
        Principal who = req.user();
        db.tx(c -> {
            if (!who.isAdmin() && !UploadRecords.isUploader(c, target.subdir(), name, who.profileId())) {
                throw ApiException.forbidden("Access denied");
            }
            try {
                Files.delete(file);
            } catch (NoSuchFileException e) {
                throw ApiException.notFound("File not found");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            UploadRecords.forget(c, target.subdir(), name);
            return null;
        });
        return Reply.message("File deleted successfully");
    }

    /** Reads what the client is still sending (up to a bound), so it reads the answer instead of a reset. */
    private static void drain(InputStream body) {
        byte[] sink = new byte[16 * 1024];
        long left = DRAIN_LIMIT;
        try {
            int n;
            while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }
}
