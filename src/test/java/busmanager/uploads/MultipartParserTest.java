package busmanager.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    /** A part as read: name, file name, declared type and every content byte. */
    private record Read(String name, String filename, String contentType, byte[] content) {
    }

    /** Hands out the body in pieces of the given sizes (cycling), as a network stream would. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int[] sizes;
        private int pos;
        private int turn;

        Trickle(byte[] data, int... sizes) {
            this.data = data;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, sizes[turn++ % sizes.length]), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] filePart(String name, String filename, String type, byte[] content) {
        return concat(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n"), content, bytes("\r\n"));
    }

    private static byte[] closing() {
        return bytes("--" + BOUNDARY + "--\r\n");
    }

    private static List<Read> readAll(InputStream in) throws IOException {
        MultipartParser parser = new MultipartParser(in, BOUNDARY);
        List<Read> parts = new ArrayList<>();
        for (MultipartParser.Part p = parser.next(); p != null; p = parser.next()) {
            parts.add(new Read(p.name(), p.filename(), p.contentType(), p.content().readAllBytes()));
        }
        assertThat(parser.next()).isNull();
        return parts;
    }

    @Test
    void readsPartsWithTheirHeadersAndContent() throws IOException {
        byte[] body = concat(filePart("note", null, null, bytes("hello")),
                filePart("file", "photo.png", "image/png", bytes("PNGDATA")), closing());
        List<Read> parts = readAll(new ByteArrayInputStream(body));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("note");
        assertThat(parts.get(0).filename()).isNull();
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(parts.get(1).name()).isEqualTo("file");
        assertThat(parts.get(1).filename()).isEqualTo("photo.png");
        assertThat(parts.get(1).contentType()).isEqualTo("image/png");
        assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("PNGDATA");
    }

    @Test
    void boundariesSplitAcrossReadsAtEveryOffset() throws IOException {
        byte[] content = new byte[40_000];
        new Random(7).nextBytes(content);
        byte[] body = concat(filePart("file", "a.bin", "application/octet-stream", content),
                filePart("other", null, null, bytes("x")), closing());
        for (int[] sizes : new int[][] {{1}, {2}, {3}, {5, 1, 7}, {41}, {4093, 3}, {16_384}, {100_000}}) {
            List<Read> parts = readAll(new Trickle(body, sizes));
            assertThat(parts).hasSize(2);
            assertThat(parts.get(0).content()).isEqualTo(content);
            assertThat(parts.get(1).content()).isEqualTo(bytes("x"));
        }
    }

    @Test
    void contentMayHoldLineBreaksDashesAndAlmostBoundaries() throws IOException {
        byte[] tricky = bytes("line1\r\nline2\r\n\r\n--\r\n--" + BOUNDARY.substring(0, 20) + "\r\n-"
                + "\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "\r\n\r\n");
        byte[] body = concat(filePart("file", "t.txt", "text/plain", tricky), closing());
        for (int size : new int[] {1, 3, 64, 8192}) {
            List<Read> parts = readAll(new Trickle(body, size));
            assertThat(parts).hasSize(1);
            assertThat(parts.get(0).content()).isEqualTo(tricky);
        }
    }

    @Test
    void binaryContentWithEveryByteValue() throws IOException {
        byte[] content = new byte[256 * 4];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        byte[] body = concat(filePart("file", "all.bin", null, content), closing());
        assertThat(readAll(new Trickle(body, 7)).get(0).content()).isEqualTo(content);
    }

    @Test
    void emptyContentAndNoPartsAtAll() throws IOException {
        byte[] body = concat(filePart("file", "empty", null, new byte[0]), closing());
        assertThat(readAll(new ByteArrayInputStream(body)).get(0).content()).isEmpty();
        assertThat(readAll(new ByteArrayInputStream(closing()))).isEmpty();
    }

    @Test
    void preambleEpilogueAndPaddingAreTolerated() throws IOException {
        byte[] body = concat(bytes("This is the preamble.\r\nIt is ignored.\r\n"),
                bytes("--" + BOUNDARY + " \t\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n"),
                closing(), bytes("This is the epilogue; also ignored.\r\n--" + BOUNDARY + "\r\n"));
        List<Read> parts = readAll(new Trickle(body, 3));
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).content()).isEqualTo(bytes("abc"));
    }

    @Test
    void unreadContentIsSkippedByNext() throws IOException {
        byte[] big = new byte[100_000];
        byte[] body = concat(filePart("skipped", "big.bin", null, big), filePart("file", "f", null, bytes("kept")),
                closing());
        MultipartParser parser = new MultipartParser(new Trickle(body, 1000), BOUNDARY);
        assertThat(parser.next().name()).isEqualTo("skipped");
        MultipartParser.Part second = parser.next();
        assertThat(second.name()).isEqualTo("file");
        assertThat(second.content().readAllBytes()).isEqualTo(bytes("kept"));
        assertThat(parser.next()).isNull();
    }

    @Test
    void headerNamesAndParametersAreParsedLeniently() throws IOException {
        byte[] body = concat(bytes("--" + BOUNDARY + "\r\ncontent-disposition: form-data;name=file; "
                + "filename=\"a \\\"quoted\\\" name.jpg\"\r\nCONTENT-TYPE: image/jpeg\r\n\r\nJ\r\n"), closing());
        Read part = readAll(new ByteArrayInputStream(body)).get(0);
        assertThat(part.name()).isEqualTo("file");
        assertThat(part.filename()).isEqualTo("a \"quoted\" name.jpg");
        assertThat(part.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void missingClosingBoundaryIsMalformed() {
        byte[] truncatedContent = concat(bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; "
                + "name=\"file\"\r\n\r\n"), new byte[5000]);
        assertThatThrownBy(() -> readAll(new Trickle(truncatedContent, 100)))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("closing multipart boundary");

        byte[] noClose = filePart("file", "a", null, bytes("abc"));
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(noClose)))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("closing multipart boundary");

        byte[] headersCut = bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-da");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(headersCut)))
                .isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void otherMalformedBodies() {
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bytes("just some text, no boundary"))))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("no multipart boundary");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(MalformedMultipartException.class);
        byte[] junkAfterBoundary = bytes("--" + BOUNDARY + "junk\r\n\r\n");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(junkAfterBoundary)))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("CRLF");
        byte[] badHeader = concat(bytes("--" + BOUNDARY + "\r\nno colon here\r\n\r\nx\r\n"), closing());
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(badHeader)))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("header");
        byte[] endlessHeader = concat(bytes("--" + BOUNDARY + "\r\nX-Long: "), bytes("a".repeat(20_000)));
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(endlessHeader)))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("too long");
    }

    @Test
    void boundaryFromContentType() throws MalformedMultipartException {
        assertThat(MultipartParser.boundaryOf("multipart/form-data; boundary=" + BOUNDARY)).isEqualTo(BOUNDARY);
        assertThat(MultipartParser.boundaryOf("Multipart/Form-Data;charset=utf-8;BOUNDARY=\"a b:c\""))
                .isEqualTo("a b:c");
        assertThatThrownBy(() -> MultipartParser.boundaryOf(null)).isInstanceOf(MalformedMultipartException.class);
        assertThatThrownBy(() -> MultipartParser.boundaryOf("application/json"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("multipart/form-data");
        assertThatThrownBy(() -> MultipartParser.boundaryOf("multipart/form-data"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> MultipartParser.boundaryOf("multipart/form-data; boundary="))
                .isInstanceOf(MalformedMultipartException.class);
        assertThatThrownBy(() -> MultipartParser.boundaryOf("multipart/form-data; boundary=" + "x".repeat(201)))
                .isInstanceOf(MalformedMultipartException.class);
    }
}
