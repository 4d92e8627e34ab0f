package busmanager.uploads;

import busmanager.Deps;
import busmanager.http.ApiException;
import busmanager.http.Reply;
import busmanager.http.Request;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * GET /uploads/{subdir}/{filename} (api.md §1.3): the stored files, streamed, public. Nothing is ever served
 * as HTML: the type comes from the extension, unknown ones are attachments, SVG runs under a policy that
 * allows no script, and browsers are told not to sniff.
 */
public final class UploadedFileRoutes {
    private static final Map<String, String> TYPES = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "webp", "image/webp",
            "pdf", "application/pdf",
            "svg", "image/svg+xml");
    private static final String OTHER_TYPE = "application/octet-stream";
    private static final String LOCKED_DOWN = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    /** Names with a uuid never change content; the logo's name is reused, so it is cached briefly. */
    private static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String CACHE_LOGO = "public, max-age=60";

    private final UploadStore store;

    public UploadedFileRoutes(Deps deps) {
        this.store = new UploadStore(deps.config().uploadDir());
    }

    public Reply serve(Request req) {
        String subdir = req.pathParam("subdir");
        String name = req.pathParam("filename");
        Path file = store.resolve(subdir, name);
        if (file == null) {
            throw notFound();
        }
        boolean head = req.method().equals("HEAD");
        return exchange -> {
            try (FileChannel channel = open(file)) {
                long size = channel.size();
                Headers out = exchange.getResponseHeaders();
                String type = typeOf(name);
                out.set("Content-Type", type);
                out.set("X-Content-Type-Options", "nosniff");
                out.set("Cache-Control", subdir.equals(UploadTarget.LOGO.subdir()) ? CACHE_LOGO : CACHE_IMMUTABLE);
                if (type.equals(FileType.SVG.mime()) || type.equals(OTHER_TYPE)) {
                    out.set("Content-Security-Policy", LOCKED_DOWN);
                }
                if (type.equals(OTHER_TYPE)) {
                    out.set("Content-Disposition", "attachment");
                }
                if (head || size == 0) {
                    out.set("Content-Length", Long.toString(size));
                    exchange.sendResponseHeaders(200, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, size);
                try (OutputStream body = exchange.getResponseBody(); InputStream in = Channels.newInputStream(channel)) {
                    in.transferTo(body);
                }
            }
        };
    }

    /** Opens a regular file (not a link, not a directory) or answers 404. */
    private static FileChannel open(Path file) {
        if (!UploadStore.isRegularFile(file)) {
            throw notFound();
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw notFound();
        }
    }

    static String typeOf(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, OTHER_TYPE);
    }

    private static ApiException notFound() {
        return ApiException.notFound("Not Found");
    }
}
