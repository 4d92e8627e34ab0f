package busmanager.http;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing of the text forms clients send (body, query and path alike); each returns null when malformed. */
public final class Values {
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    private Values() {
    }

    /** A UUID in canonical hyphenated form (any case). */
    public static UUID uuid(String s) {
        return s != null && UUID_FORM.matcher(s).matches() ? UUID.fromString(s) : null;
    }

    /** {@code YYYY-MM-DD}; the date part of a date-time is accepted too. */
    public static LocalDate date(String s) {
        try {
            return LocalDate.parse(s.length() > 10 && s.charAt(10) == 'T' ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An ISO date-time (offset optional, naive = UTC) or a bare date (midnight UTC). */
    public static OffsetDateTime timestamp(String raw) {
        String s = raw.strip().replace(' ', 'T').replace('z', 'Z');
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
    }

    /** {@code HH:MM} or {@code HH:MM:SS}. */
    public static LocalTime time(String s) {
        if (!TIME.matcher(s).matches()) {
            return null;
        }
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
