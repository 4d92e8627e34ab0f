package busmanager.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import busmanager.testing.ApiServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The built frontend served from the API's port (WEB_DIR), next to the API itself. */
class WebAppHandlerTest {
    private static final String INDEX = "<!doctype html><html><body><div id=root></div></body></html>";
    private static final String APP_JS = "console.log('app');".repeat(50);
    private static final Path WEB = webDir();

    @RegisterExtension
    static final ApiServer api = new ApiServer().env("WEB_DIR", WEB.toString());

    private static Path webDir() {
        try {
            Path parent = Files.createTempDirectory("bm-web");
            Files.writeString(parent.resolve("secret.txt"), "outside the web dir");
            Path web = Files.createDirectories(parent.resolve("dist"));
            Files.writeString(web.resolve("index.html"), INDEX);
            Files.writeString(web.resolve("favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
            Files.writeString(web.resolve("robots.txt"), "User-agent: *");
            Files.writeString(web.resolve(".env"), "SECRET=1");
            Path assets = Files.createDirectories(web.resolve("assets"));
            Files.writeString(assets.resolve("index-B7x_k2Qa.js"), APP_JS);
            Files.write(assets.resolve("index-B7x_k2Qa.js.gz"), gzip(APP_JS));
            Files.writeString(assets.resolve("index-Cq91ZzAb.css"), "body{margin:0}");
            Files.write(assets.resolve("logo-D4e5f6g7.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            Files.write(assets.resolve("inter-Ab12Cd34.woff2"), new byte[] {1, 2, 3});
            Files.createSymbolicLink(web.resolve("link.txt"), parent.resolve("secret.txt"));
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return api.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static final String[] BROWSER = {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"};
    private static final String[] FETCH = {"Accept", "application/json"};

    @Test
    void hashedAssetsAreServedWithTypeAndLongImmutableCache() throws Exception {
        var js = get("/assets/index-B7x_k2Qa.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(text(js)).isEqualTo(APP_JS);
        assertThat(header(js, "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(header(js, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(header(js, "Content-Encoding")).isNull();
        assertThat(header(js, "Vary")).isEqualTo("Accept-Encoding");

        assertThat(header(get("/assets/index-Cq91ZzAb.css"), "Content-Type")).isEqualTo("text/css; charset=utf-8");
        var png = get("/assets/logo-D4e5f6g7.png");
        assertThat(header(png, "Content-Type")).isEqualTo("image/png");
        assertThat(png.body()).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(header(get("/assets/inter-Ab12Cd34.woff2"), "Content-Type")).isEqualTo("font/woff2");
    }

    @Test
    void otherFilesAndIndexAreRevalidated() throws Exception {
        var index = get("/index.html");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(text(index)).isEqualTo(INDEX);
        assertThat(header(index, "Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(header(index, "Cache-Control")).isEqualTo("no-cache");
        var svg = get("/favicon.svg");
        assertThat(header(svg, "Content-Type")).isEqualTo("image/svg+xml");
        assertThat(header(svg, "Cache-Control")).isEqualTo("no-cache");
        assertThat(header(get("/robots.txt"), "Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void browserNavigationToAppRoutesGetsIndex() throws Exception {
        for (String path : new String[] {"/", "/admin/trips", "/driver/expenses", "/login", "/auth", "/dashboard"}) {
            var r = get(path, BROWSER);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(text(r)).as(path).isEqualTo(INDEX);
            assertThat(header(r, "Cache-Control")).as(path).isEqualTo("no-cache");
        }
    }

    @Test
    void nonNavigationRequestsGetJson404() throws Exception {
        var fetch = get("/admin/trips", FETCH);
        assertThat(fetch.statusCode()).isEqualTo(404);
        assertThat(header(fetch, "Content-Type")).startsWith("application/json");
        assertThat(text(fetch)).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(get("/admin/trips").statusCode()).isEqualTo(404);
        // a missing file is a 404 even for a browser: it has an extension, so it is no app route
        var missing = get("/assets/gone-12345678.js", BROWSER);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(text(missing)).isEqualTo("{\"detail\":\"Not Found\"}");
        // other methods never reach the web app
        var post = send("POST", "/admin/trips", BROWSER);
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(header(post, "Content-Type")).startsWith("application/json");
    }

    @Test
    void apiPathsNeverAnswerHtml() throws Exception {
        var root = get("/", FETCH);
        assertThat(ApiServer.JSON.readTree(root.body()).get("message").asText()).isEqualTo("BusManager API");
        assertThat(header(get("/"), "Content-Type")).startsWith("application/json");
        var health = get("/health", BROWSER);
        assertThat(text(health)).contains("healthy");
        var me = get("/auth/me", BROWSER);
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(header(me, "Content-Type")).startsWith("application/json");
        var loginByGet = get("/auth/login", BROWSER);
        assertThat(loginByGet.statusCode()).isEqualTo(405);
        assertThat(header(loginByGet, "Content-Type")).startsWith("application/json");
        assertThat(header(get("/openapi.json", BROWSER), "Content-Type")).startsWith("application/json");
    }

    @Test
    void nothingOutsideTheDirectoryNorHiddenFiles() throws Exception {
        for (String path : new String[] {"/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                "/..%2fsecret.txt", "/.env", "/assets/..%5c..%5csecret.txt", "/link.txt"}) {
            var r = get(path, BROWSER);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(text(r)).as(path).doesNotContain("outside").doesNotContain("SECRET");
        }
    }

    @Test
    void precompressedSiblingIsSentWhenGzipIsAccepted() throws Exception {
        var r = get("/assets/index-B7x_k2Qa.js", "Accept-Encoding", "br, gzip, deflate");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(r, "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(header(r, "Vary")).isEqualTo("Accept-Encoding");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(APP_JS);
        }
        assertThat(header(get("/assets/index-B7x_k2Qa.js", "Accept-Encoding", "gzip;q=0"), "Content-Encoding"))
                .isNull();
        // no .gz sibling: the file as it is
        assertThat(header(get("/assets/index-Cq91ZzAb.css", "Accept-Encoding", "gzip"), "Content-Encoding"))
                .isNull();
        assertThat(WebAppHandler.acceptsGzip("*")).isTrue();
        assertThat(WebAppHandler.acceptsGzip("identity")).isFalse();
        assertThat(WebAppHandler.acceptsGzip(null)).isFalse();
    }

    @Test
    void headAndConditionalRequests() throws Exception {
        var head = send("HEAD", "/assets/index-B7x_k2Qa.js");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).isEqualTo(String.valueOf(APP_JS.length()));
        String etag = header(get("/assets/index-B7x_k2Qa.js"), "ETag");
        assertThat(etag).isNotBlank();
        var again = get("/assets/index-B7x_k2Qa.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        var index = get("/admin/buses", "Accept", "text/html", "If-None-Match", header(get("/index.html"), "ETag"));
        assertThat(index.statusCode()).isEqualTo(304);
    }

    @Test
    void aDirectoryWithoutIndexIsRefusedAtStart() throws Exception {
        Path empty = Files.createTempDirectory("bm-web-empty");
        assertThatThrownBy(() -> WebAppHandler.of(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no index.html");
        assertThatThrownBy(() -> WebAppHandler.of(empty.resolve("missing")))
                .hasMessageContaining("does not exist");
        assertThat(WebAppHandler.of(null)).isNull();
    }
}
