package busmanager.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A parsed JSON request object. Tells an absent key ({@link #has} false) from an explicit null, ignores keys
 * nobody asks for, and turns every malformed value into a 422 naming the field. Optional dates, times,
 * numbers and ids sent as {@code ""} read as null.
 */
public final class JsonBody {
    public static final int DEFAULT_MAX_TEXT = 5000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Map<String, Object> values;

    JsonBody(Map<String, Object> values) {
        this.values = values;
    }

    public static JsonBody empty() {
        return new JsonBody(Collections.emptyMap());
    }

    /** True when the key is present, even with value null. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Present with a non-null value. */
    public boolean hasValue(String key) {
        return values.get(key) != null;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    private static ApiException invalid(String key, String msg) {
        return ApiException.invalidField(key, msg);
    }

    private static ApiException required(String key) {
        return invalid(key, "Field required");
    }

    // ---- text ----

    public String text(String key) {
        return text(key, DEFAULT_MAX_TEXT);
    }

    public String text(String key, int maxLength) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw invalid(key, "Input should be a valid string");
        }
        if (s.length() > maxLength) {
            throw invalid(key, "String should have at most " + maxLength + " characters");
        }
        return s;
    }

    /** Text where {@code ""} and blanks mean "not given". */
    public String textOrNull(String key, int maxLength) {
        String s = text(key, maxLength);
        return s == null || s.isBlank() ? null : s;
    }

    /** Required, non-blank text. */
    public String requiredText(String key, int maxLength) {
        String s = text(key, maxLength);
        if (s == null) {
            throw required(key);
        }
        if (s.isBlank()) {
            throw invalid(key, "String should have at least 1 character");
        }
        return s;
    }

    public String requiredText(String key) {
        return requiredText(key, DEFAULT_MAX_TEXT);
    }

    /** Required text that may be empty (the old API took any string for passwords). */
    public String requiredRawText(String key, int maxLength) {
        String s = text(key, maxLength);
        if (s == null) {
            throw required(key);
        }
        return s;
    }

    public String email(String key) {
        String s = text(key, 254);
        if (s == null) {
            return null;
        }
        s = s.strip();
        if (!EMAIL.matcher(s).matches()) {
            throw invalid(key, "value is not a valid email address");
        }
        int at = s.lastIndexOf('@');
        return s.substring(0, at) + "@" + s.substring(at + 1).toLowerCase();
    }

    public String requiredEmail(String key) {
        if (!hasValue(key)) {
            throw required(key);
        }
        return email(key);
    }

    /**
     * A link the UI will render (document, photo): null/"" for none, else an http(s) URL or an
     * {@code /uploads/...} path; anything else (e.g. {@code javascript:}) is a 422.
     */
    public String safeUrl(String key) {
        String s = text(key, 2000);
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (!isSafeUrl(s)) {
            throw invalid(key, "Must be an http(s) URL or a path starting with /uploads/");
        }
        return s;
    }

    public static boolean isSafeUrl(String s) {
        String lower = s.strip().toLowerCase();
        return (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("/uploads/"))
                && !lower.contains("..") && s.chars().noneMatch(ch -> ch < 0x20 || ch == '"' || ch == '<' || ch == '>');
    }

    /** One of a fixed vocabulary (a PostgreSQL enum or a checked text column). */
    public String enumValue(String key, Set<String> allowed) {
        String s = text(key, 64);
        if (s == null) {
            return null;
        }
        if (!allowed.contains(s)) {
            throw invalid(key, "Input should be one of: " + String.join(", ", sorted(allowed)));
        }
        return s;
    }

    public String requiredEnum(String key, Set<String> allowed) {
        if (!hasValue(key)) {
            throw required(key);
        }
        return enumValue(key, allowed);
    }

    // ---- ids, dates, times ----

    public UUID uuid(String key) {
        Object v = values.get(key);
        if (v == null || "".equals(v)) {
            return null;
        }
        UUID id = v instanceof String s ? Values.uuid(s) : null;
        if (id == null) {
            throw invalid(key, "Input should be a valid UUID");
        }
        return id;
    }

    public UUID requiredUuid(String key) {
        if (!has(key) || values.get(key) == null) {
            throw required(key);
        }
        UUID id = uuid(key);
        if (id == null) {
            throw invalid(key, "Input should be a valid UUID");
        }
        return id;
    }

    public LocalDate date(String key) {
        String s = optionalString(key, "Input should be a valid date (YYYY-MM-DD)");
        if (s == null) {
            return null;
        }
        LocalDate d = Values.date(s);
        if (d == null) {
            throw invalid(key, "Input should be a valid date (YYYY-MM-DD)");
        }
        return d;
    }

    public LocalDate requiredDate(String key) {
        LocalDate d = date(key);
        if (d == null) {
            throw required(key);
        }
        return d;
    }

    /** An ISO-8601 date-time; without an offset it is read as UTC. */
    public OffsetDateTime timestamp(String key) {
        String s = optionalString(key, "Input should be a valid datetime");
        if (s == null) {
            return null;
        }
        OffsetDateTime t = Values.timestamp(s);
        if (t == null) {
            throw invalid(key, "Input should be a valid datetime");
        }
        return t;
    }

    public OffsetDateTime requiredTimestamp(String key) {
        OffsetDateTime t = timestamp(key);
        if (t == null) {
            throw required(key);
        }
        return t;
    }

    public LocalTime time(String key) {
        String s = optionalString(key, "Input should be a valid time (HH:MM or HH:MM:SS)");
        if (s == null) {
            return null;
        }
        LocalTime t = Values.time(s);
        if (t == null) {
            throw invalid(key, "Input should be a valid time (HH:MM or HH:MM:SS)");
        }
        return t;
    }

    public LocalTime requiredTime(String key) {
        LocalTime t = time(key);
        if (t == null) {
            throw required(key);
        }
        return t;
    }

    private String optionalString(String key, String message) {
        Object v = values.get(key);
        if (v == null || "".equals(v)) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw invalid(key, message);
        }
        return s;
    }

    // ---- numbers, booleans ----

    /** A JSON number (or a numeric string, as the old API accepted). */
    public BigDecimal decimal(String key) {
        Object v = values.get(key);
        if (v == null || "".equals(v)) {
            return null;
        }
        BigDecimal d = switch (v) {
            case BigInteger i -> new BigDecimal(i);
            case BigDecimal b -> b;
            case String s -> Values.decimal(s);
            default -> null;
        };
        if (d == null) {
            throw invalid(key, "Input should be a valid number");
        }
        if (d.abs().compareTo(new BigDecimal("1e15")) > 0 || d.scale() > 12) {
            throw invalid(key, "Number is out of range");
        }
        return d;
    }

    public BigDecimal requiredDecimal(String key) {
        BigDecimal d = decimal(key);
        if (d == null) {
            throw required(key);
        }
        return d;
    }

    /** A decimal that must not be negative. */
    public BigDecimal nonNegativeDecimal(String key) {
        BigDecimal d = decimal(key);
        if (d != null && d.signum() < 0) {
            throw invalid(key, "Input should be greater than or equal to 0");
        }
        return d;
    }

    public Integer integer(String key) {
        BigDecimal d = decimal(key);
        if (d == null) {
            return null;
        }
        try {
            return d.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            throw invalid(key, "Input should be a valid integer");
        }
    }

    public Integer requiredInteger(String key) {
        Integer i = integer(key);
        if (i == null) {
            throw required(key);
        }
        return i;
    }

    public Boolean bool(String key) {
        Object v = values.get(key);
        if (v == null || "".equals(v)) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).toLowerCase();
        return switch (s) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(key, "Input should be a valid boolean");
        };
    }

    // ---- nested ----

    public List<String> textList(String key, int maxItems, int maxLength) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list) || list.size() > maxItems) {
            throw invalid(key, "Input should be a valid list");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || s.length() > maxLength) {
                throw invalid(key, "Input should be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    public List<JsonBody> objectList(String key, int maxItems) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list) || list.size() > maxItems) {
            throw invalid(key, "Input should be a valid list");
        }
        List<JsonBody> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof JsonBody b)) {
                throw invalid(key, "Input should be a list of objects");
            }
            out.add(b);
        }
        return out;
    }

    public JsonBody object(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonBody b)) {
            throw invalid(key, "Input should be a valid object");
        }
        return b;
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        Collections.sort(list);
        return list;
    }
}
