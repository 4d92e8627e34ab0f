package busmanager.uploads;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reading header values of the form {@code value; key=token; key="quoted string"}. */
final class HeaderValues {
    private HeaderValues() {
    }

    /** The value of a header before its parameters, e.g. {@code multipart/form-data}. */
    static String mainValue(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
    }

    /** The parameters of a header value ({@code ; key=value; key="quoted value"}), keys in lower case. */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new HashMap<>();
        int n = header.length();
        int i = header.indexOf(';');
        if (i < 0) {
            return out;
        }
        while (i < n) {
            while (i < n && (header.charAt(i) == ';' || Character.isWhitespace(header.charAt(i)))) {
                i++;
            }
            int keyStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            String key = header.substring(keyStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= n || header.charAt(i) == ';') {
                continue; // a parameter without a value
            }
            i++;
            while (i < n && Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            boolean quoted = i < n && header.charAt(i) == '"';
            if (quoted) {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    char c = header.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = header.charAt(i++);
                    }
                    value.append(c);
                }
                i++;
                while (i < n && header.charAt(i) != ';') {
                    i++;
                }
            } else {
                while (i < n && header.charAt(i) != ';') {
                    value.append(header.charAt(i++));
                }
            }
            if (!key.isEmpty()) {
                out.putIfAbsent(key, quoted ? value.toString() : value.toString().strip());
            }
        }
        return out;
    }
}
