package busmanager.cli;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} / {@code --name=value} options after the command word. */
public final class Options {
    private Options() {
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                options.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
        }
        return options;
    }
}
