package busmanager.uploads;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** Small files of each type, and multipart requests written by hand as a browser would send them. */
final class Samples {
    static final String BOUNDARY = "----WebKitFormBoundaryQ2x7TbC9vR4mLp1Z";
    static final String ORIGIN = "http://localhost:5173";

    private Samples() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] jpeg() {
        return concat(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10}, ascii("JFIF\0"),
                new byte[] {13, 10, 0, (byte) 0xff, (byte) 0xd9});
    }

    static byte[] png() {
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13}, ascii("IHDR"),
                new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, '\r', '\n', '-', '-'});
    }

    static byte[] webp() {
        return concat(ascii("RIFF"), new byte[] {26, 0, 0, 0}, ascii("WEBPVP8L"), new byte[] {13, 0, 0, 0, 0x2f, 0});
    }

    static byte[] pdf() {
        return ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    }

    static byte[] svg() {
        return concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, ascii("""
                <?xml version="1.0" encoding="UTF-8" standalone="no"?>
                <!-- company logo -->
                <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
                <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>
                """));
    }

    static byte[] html() {
        return ascii("<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>");
    }

    /** A file of exactly {@code size} bytes that starts like {@code sample}. */
    static byte[] sized(byte[] sample, int size) {
        byte[] out = Arrays.copyOf(sample, size);
        Arrays.fill(out, Math.min(sample.length, size), size, (byte) 'x');
        return out;
    }

    /** One part of a multipart body. */
    static byte[] part(String name, String filename, String declaredType, byte[] content) {
        return concat(ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                        + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n"
                        + (declaredType == null ? "" : "Content-Type: " + declaredType + "\r\n") + "\r\n"),
                content, ascii("\r\n"));
    }

    static byte[] closing() {
        return ascii("--" + BOUNDARY + "--\r\n");
    }

    /** A body with the one {@code file} part the frontend sends. */
    static byte[] fileBody(String filename, String declaredType, byte[] content) {
        return concat(part("file", filename, declaredType, content), closing());
    }

    static Res upload(ApiServer api, String path, String token, String filename, String declaredType,
                      byte[] content) {
        return send(api, path, token, "multipart/form-data; boundary=" + BOUNDARY,
                fileBody(filename, declaredType, content));
    }

    /** A POST with any body and content type; carries an Origin header to see the CORS answer. */
    static Res send(ApiServer api, String path, String token, String contentType, byte[] body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Origin", ORIGIN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = api.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " failed: " + e, e);
        }
    }

    /** A GET or HEAD of a served file, bytes as they came. */
    static HttpResponse<byte[]> fetch(ApiServer api, String method, String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            return api.client().send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }
}
