package busmanager.uploads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A streaming reader of {@code multipart/form-data} (RFC 7578 on RFC 2046). Parts come one after the other;
 * each part's content is an InputStream that ends at the next boundary, so a file is never held in memory
 * (the parser keeps one 16 KiB buffer). Preamble and epilogue are ignored.
 */
public final class MultipartParser {
    static final int MAX_BOUNDARY_LENGTH = 200;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER_SIZE = 16 * 1024;

    /** One part: its form field name and file name (null when absent), declared type, and content. */
    public record Part(String name, String filename, String contentType, InputStream content) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int start;
    private int end;
    private boolean eof;
    private ContentStream current;
    private boolean finished;

    public MultipartParser(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first boundary may open the body with no line break before it: act as if there were one.
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** The boundary of a {@code multipart/form-data} Content-Type header value. */
    public static String boundaryOf(String contentType) throws MalformedMultipartException {
        if (contentType == null
                || !HeaderValues.mainValue(contentType).toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
            throw new MalformedMultipartException("Content-Type must be multipart/form-data");
        }
        String boundary = HeaderValues.parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new MalformedMultipartException("multipart boundary missing from Content-Type");
        }
        if (boundary.length() > MAX_BOUNDARY_LENGTH || !boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new MalformedMultipartException("invalid multipart boundary");
        }
        return boundary;
    }

    /**
     * The next part, or null after the closing boundary. Whatever the caller left unread of the previous
     * part is skipped.
     */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            current = new ContentStream("no multipart boundary found in the body");
        }
        current.skipRest();
        int a = readByte();
        int b = readByte();
        if (a == '-' && b == '-') {
            finished = true;
            return null;
        }
        while (a == ' ' || a == '\t') { // transport padding after the boundary
            a = b;
            b = readByte();
        }
        if (a < 0 || b < 0) {
            throw new MalformedMultipartException("missing closing multipart boundary");
        }
        if (a != '\r' || b != '\n') {
            throw new MalformedMultipartException("multipart boundary line not followed by CRLF");
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        Map<String, String> params = disposition == null ? Map.of() : HeaderValues.parameters(disposition);
        current = new ContentStream("missing closing multipart boundary");
        return new Part(params.get("name"), params.get("filename"), headers.get("content-type"), current);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int c = readByte();
            if (c < 0) {
                throw new MalformedMultipartException("missing closing multipart boundary");
            }
            if (++total > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("multipart part headers too long");
            }
            if (c != '\n') {
                line.write(c);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                return headers;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("invalid multipart part header");
            }
            headers.putIfAbsent(text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    text.substring(colon + 1).strip());
        }
    }

    private int readByte() throws IOException {
        while (start == end) {
            if (eof) {
                return -1;
            }
            fill();
        }
        return buf[start++] & 0xff;
    }

    /** Moves the unread bytes to the front and reads more after them. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private int indexOfDelimiter() {
        int last = end - delimiter.length;
        byte first = delimiter[0];
        outer:
        for (int i = start; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content of one part (or the preamble): the bytes up to the next delimiter. */
    private final class ContentStream extends InputStream {
        private final String truncatedMessage;
        private boolean done;
        /** Bytes from {@code start} known to be content. */
        private int available;
        /** The delimiter follows right after those bytes. */
        private boolean delimiterNext;

        ContentStream(String truncatedMessage) {
            this.truncatedMessage = truncatedMessage;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (available == 0) {
                if (delimiterNext) {
                    start += delimiter.length;
                    done = true;
                    return -1;
                }
                scan();
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, start, b, off, n);
            start += n;
            available -= n;
            return n;
        }

        /** Works out how much of the buffer is content, reading more when it cannot tell yet. */
        private void scan() throws IOException {
            while (true) {
                int at = indexOfDelimiter();
                if (at >= 0) {
                    available = at - start;
                    delimiterNext = true;
                    return;
                }
                // The last delimiter.length - 1 bytes may be the beginning of a delimiter split across reads.
                int safeEnd = end - (delimiter.length - 1);
                if (safeEnd > start) {
                    available = safeEnd - start;
                    return;
                }
                if (eof) {
                    throw new MalformedMultipartException(truncatedMessage);
                }
                fill();
            }
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[4096];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
