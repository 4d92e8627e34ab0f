package busmanager.mail;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** One HTML e-mail, and its MIME form: multipart/alternative with a plain-text part derived from the HTML. */
public record MailMessage(List<String> to, String subject, String html) {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");

    public MailMessage {
        to = List.copyOf(to);
        for (String address : to) {
            if (!isAddress(address)) {
                throw new IllegalArgumentException("not an e-mail address: " + address);
            }
        }
        subject = subject.replaceAll("[\\r\\n]+", " ");
    }

    public static boolean isAddress(String s) {
        return s != null && ADDRESS.matcher(s).matches();
    }

    /** The message as sent after DATA (before dot-stuffing), lines ending in CRLF. */
    String mime(String from, ZonedDateTime date) {
        String boundary = "=_bm_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder m = new StringBuilder(html.length() * 2 + 1024);
        header(m, "Date", date.format(DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH)));
        header(m, "From", from);
        header(m, "To", String.join(", ", to));
        header(m, "Subject", encodeHeader(subject));
        header(m, "Message-ID", "<" + UUID.randomUUID() + "@busmanager>");
        header(m, "MIME-Version", "1.0");
        header(m, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        m.append("\r\n");
        part(m, boundary, "text/plain", plainText(html));
        part(m, boundary, "text/html", html);
        m.append("--").append(boundary).append("--\r\n");
        return m.toString();
    }

    private static void header(StringBuilder m, String name, String value) {
        m.append(name).append(": ").append(value).append("\r\n");
    }

    private static void part(StringBuilder m, String boundary, String type, String content) {
        m.append("--").append(boundary).append("\r\n");
        header(m, "Content-Type", type + "; charset=UTF-8");
        header(m, "Content-Transfer-Encoding", "base64");
        m.append("\r\n");
        String b64 = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < b64.length(); i += 76) {
            m.append(b64, i, Math.min(b64.length(), i + 76)).append("\r\n");
        }
    }

    /**
     * A header value as RFC 2047 encoded words when it is not plain ASCII. Each word carries at most 45 bytes
     * (60 base64 characters) and never splits a UTF-8 character; words are folded onto continuation lines.
     */
    static String encodeHeader(String value) {
        if (value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
            return value;
        }
        List<String> words = new ArrayList<>();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        while (start < bytes.length) {
            int end = Math.min(bytes.length, start + 45);
            while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
                end--; // do not cut inside a multi-byte character
            }
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, start, end);
            words.add("=?UTF-8?B?" + Base64.getEncoder().encodeToString(chunk) + "?=");
            start = end;
        }
        return String.join("\r\n ", words);
    }

    /** A readable text version of the alert HTML: rows on lines, cells separated by " | ". */
    static String plainText(String html) {
        String text = html.replaceAll("(?is)<(style|script)[^>]*>.*?</\\1>", "")
                .replaceAll("(?i)</t[dh]>\\s*<t[dh][^>]*>", " | ")
                .replaceAll("(?i)<br\\s*/?>|</(p|tr|h[1-6]|div|li)>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.lines().map(String::strip).filter(l -> !l.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }
}
