package busmanager.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Query-string parameters; malformed values are answered 422 naming the parameter. */
public final class Query {
    /** Larger limits are clamped to this, never refused. */
    public static final int MAX_LIMIT = 100_000;

    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    public static Query parse(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.putIfAbsent(key, value);
            }
        }
        return new Query(values);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static ApiException invalid(String name, String msg) {
        return ApiException.invalid("query", name, msg);
    }

    /** The raw value, or null when absent or empty. */
    public String text(String name) {
        String v = values.get(name);
        if (v != null && v.length() > 500) {
            throw invalid(name, "String should have at most 500 characters");
        }
        return v == null || v.isEmpty() ? null : v;
    }

    public UUID uuid(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        UUID id = Values.uuid(v);
        if (id == null) {
            throw invalid(name, "Input should be a valid UUID");
        }
        return id;
    }

    public LocalDate date(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        LocalDate d = Values.date(v);
        if (d == null) {
            throw invalid(name, "Input should be a valid date (YYYY-MM-DD)");
        }
        return d;
    }

    public OffsetDateTime timestamp(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        OffsetDateTime t = Values.timestamp(v);
        if (t == null) {
            throw invalid(name, "Input should be a valid datetime");
        }
        return t;
    }

    public String enumValue(String name, Set<String> allowed) {
        String v = text(name);
        if (v != null && !allowed.contains(v)) {
            throw invalid(name, "Input should be one of: " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return v;
    }

    public Boolean bool(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(name, "Input should be a valid boolean");
        };
    }

    public Integer integer(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(name, "Input should be a valid integer");
        }
    }

    /** {@code limit}: null when absent (meaning every row), else 1..MAX_LIMIT (larger values clamped). */
    public Integer limit() {
        return limit(null);
    }

    /** {@code limit} with a default used when it is absent. */
    public Integer limit(Integer whenAbsent) {
        String v = text("limit");
        if (v == null) {
            return whenAbsent;
        }
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw invalid("limit", "Input should be a valid integer");
        }
        if (n < 1) {
            throw invalid("limit", "Input should be greater than or equal to 1");
        }
        return (int) Math.min(n, MAX_LIMIT);
    }

    public int offset() {
        Integer n = integer("offset");
        if (n == null) {
            return 0;
        }
        if (n < 0) {
            throw invalid("offset", "Input should be greater than or equal to 0");
        }
        return n;
    }
}
