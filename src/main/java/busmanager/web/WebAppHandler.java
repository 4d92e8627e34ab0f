package busmanager.web;

import busmanager.http.ApiException;
import busmanager.http.Handler;
import busmanager.http.Reply;
import busmanager.http.Request;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Serves a built single-page app (env {@code WEB_DIR}) from the API's own port, for GET/HEAD requests no
 * API route answers: its files as they are, and its {@code index.html} for browser navigation to an app
 * route (a reload of {@code /admin/trips}). Anything else, e.g. a script asking for a missing file, gets
 * the usual JSON 404, so an API client never receives HTML.
 */
public final class WebAppHandler implements Handler {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    /** Vite's output names: {@code assets/<name>-<hash>.<ext>}. */
    private static final Pattern HASHED_ASSET = Pattern.compile("assets/(.+/)?[^/]+-[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9]+");

    private final Path root;
    private final Path index;

    private WebAppHandler(Path root) {
        this.root = root;
        this.index = root.resolve("index.html");
    }

    /**
     * The handler for the app in {@code webDir}, or null when no directory is configured.
     *
     * @throws IllegalArgumentException when the directory holds no {@code index.html}
     */
    public static WebAppHandler of(Path webDir) {
        if (webDir == null) {
            return null;
        }
        Path real;
        try {
            real = webDir.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("WEB_DIR " + webDir + " does not exist");
        }
        if (!Files.isRegularFile(real.resolve("index.html"))) {
            throw new IllegalArgumentException("WEB_DIR " + webDir + " has no index.html (point it at the built app,"
                    + " the folder `npm run build` writes, usually dist/)");
        }
        return new WebAppHandler(real);
    }

    @Override
    public Reply handle(Request req) throws IOException {
        List<String> segments = segments(req.exchange().getRequestURI().getPath());
        if (segments == null) {
            throw ApiException.notFound("Not Found");
        }
        if (segments.isEmpty()) {
            return index(req);
        }
        String relative = String.join("/", segments);
        Path file = root.resolve(relative).normalize();
        if (file.startsWith(root) && Files.isRegularFile(file) && file.toRealPath().startsWith(root)) {
            boolean immutable = HASHED_ASSET.matcher(relative).matches();
            return exchange -> sendFile(exchange, file, immutable ? IMMUTABLE : REVALIDATE);
        }
        String last = segments.get(segments.size() - 1);
        if (isNavigation(req) && ContentTypes.extension(last) == null) {
            return index(req);
        }
        throw ApiException.notFound("Not Found");
    }

    /** A browser loading a page (not a script fetching data): it accepts HTML. */
    public boolean isNavigation(Request req) {
        String accept = req.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /** The app's entry page; never cached without asking, so a new build is picked up at once. */
    public Reply index(Request req) {
        return exchange -> sendFile(exchange, index, REVALIDATE);
    }

    /** For a path that is also an API route ({@code /}): the app for browsers, the API for everyone else. */
    public Handler navigationOr(Handler api) {
        return req -> isNavigation(req) ? index(req) : api.handle(req);
    }

    /** The decoded path segments, or null when one of them could escape the directory or is hidden. */
    static List<String> segments(String decodedPath) {
        List<String> out = new ArrayList<>();
        for (String s : decodedPath.split("/")) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith(".") || s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0 || s.indexOf(':') >= 0) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private static void sendFile(HttpExchange exchange, Path file, String cacheControl) throws IOException {
        Headers in = exchange.getRequestHeaders();
        Headers out = exchange.getResponseHeaders();
        Path body = file;
        Path gzipped = file.resolveSibling(file.getFileName() + ".gz");
        boolean hasGzip = Files.isRegularFile(gzipped, LinkOption.NOFOLLOW_LINKS);
        if (hasGzip) {
            out.set("Vary", "Accept-Encoding");
            if (acceptsGzip(in.getFirst("Accept-Encoding"))) {
                body = gzipped;
                out.set("Content-Encoding", "gzip");
            }
        }
        BasicFileAttributes attributes = Files.readAttributes(body, BasicFileAttributes.class);
        String etag = "\"" + Long.toHexString(attributes.size()) + "-"
                + Long.toHexString(attributes.lastModifiedTime().toMillis()) + (body == file ? "" : "-gz") + "\"";
        out.set("Content-Type", ContentTypes.of(file.getFileName().toString()));
        out.set("Cache-Control", cacheControl);
        out.set("ETag", etag);
        exchange.getRequestBody().close();
        if (etag.equals(in.getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            out.set("Content-Length", Long.toString(attributes.size()));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, attributes.size() == 0 ? -1 : attributes.size());
        if (attributes.size() > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                Files.copy(body, stream);
            }
        }
    }

    /** True when the Accept-Encoding header lists gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip();
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip();
                if (param.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(param.substring(2).strip()) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            return !refused;
        }
        return false;
    }
}
