package busmanager.uploads;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises an SVG document: text whose root element is {@code svg}, optionally after a byte order mark,
 * an XML declaration, processing instructions, comments, a doctype and white space. Nothing is parsed as
 * XML (no entities, no external references): only the prolog is skipped to find the first element's name.
 */
final class SvgSniffer {
    private final PushbackReader in;

    private SvgSniffer(Reader reader) {
        this.in = new PushbackReader(reader, 16);
    }

    static boolean isSvg(InputStream content) throws IOException {
        BufferedInputStream bytes = new BufferedInputStream(content, 8192);
        return new SvgSniffer(new InputStreamReader(bytes, charsetAfterBom(bytes))).rootIsSvg();
    }

    /** Consumes a byte order mark if there is one and returns the charset it names (UTF-8 otherwise). */
    private static Charset charsetAfterBom(BufferedInputStream bytes) throws IOException {
        bytes.mark(3);
        int a = bytes.read();
        int b = bytes.read();
        int c = bytes.read();
        if (a == 0xef && b == 0xbb && c == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        bytes.reset();
        if (a == 0xfe && b == 0xff) {
            bytes.skipNBytes(2);
            return StandardCharsets.UTF_16BE;
        }
        if (a == 0xff && b == 0xfe) {
            bytes.skipNBytes(2);
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    private boolean rootIsSvg() throws IOException {
        while (true) {
            skipWhitespace();
            if (lookingAt("<?")) {
                skipPast("?>");
            } else if (lookingAt("<!--")) {
                skipPast("-->");
            } else if (lookingAtIgnoreCase("<!DOCTYPE")) {
                skipDoctype();
            } else if (lookingAt("<")) {
                String name = elementName();
                return name.equals("svg") || name.endsWith(":svg");
            } else {
                return false;
            }
        }
    }

    private void skipWhitespace() throws IOException {
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
        if (c >= 0) {
            in.unread(c);
        }
    }

    /** Consumes the text if the input starts with it. */
    private boolean lookingAt(String text) throws IOException {
        return lookingAt(text, false);
    }

    private boolean lookingAtIgnoreCase(String text) throws IOException {
        return lookingAt(text, true);
    }

    private boolean lookingAt(String text, boolean ignoreCase) throws IOException {
        char[] got = new char[text.length()];
        int n = 0;
        while (n < got.length) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            got[n++] = (char) c;
        }
        String read = new String(got, 0, n);
        if (ignoreCase ? read.toUpperCase(Locale.ROOT).equals(text) : read.equals(text)) {
            return true;
        }
        in.unread(got, 0, n);
        return false;
    }

    private void skipPast(String end) throws IOException {
        StringBuilder tail = new StringBuilder(end.length() + 1);
        int c;
        while ((c = in.read()) >= 0) {
            tail.append((char) c);
            if (tail.length() > end.length()) {
                tail.deleteCharAt(0);
            }
            if (end.contentEquals(tail)) {
                return;
            }
        }
    }

    /** A doctype ends at the first {@code >} outside quotes and outside its internal subset {@code [...]}. */
    private void skipDoctype() throws IOException {
        int depth = 0;
        int quote = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == '>' && depth == 0) {
                return;
            } else if (c == '<' && depth > 0 && lookingAt("!--")) {
                skipPast("-->");
            }
        }
    }

    private String elementName() throws IOException {
        StringBuilder name = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && !Character.isWhitespace(c) && c != '>' && c != '/' && name.length() < 64) {
            name.append((char) c);
        }
        return name.toString();
    }
}
