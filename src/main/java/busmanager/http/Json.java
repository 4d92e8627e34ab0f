package busmanager.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Writes JSON with jackson-core's streaming generator. */
public final class Json {
    public static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private Json() {
    }

    /** Already serialized JSON, embedded as it is. */
    public record Raw(String json) {
    }

    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    public static String write(Writer writer) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An object from alternating keys and values, e.g. {@code Json.of("message", "Bus deleted")}. */
    public static String of(Object... keysAndValues) {
        return write(g -> writeObject(g, keysAndValues));
    }

    public static void writeObject(JsonGenerator g, Object... keysAndValues) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            g.writeFieldName((String) keysAndValues[i]);
            writeValue(g, keysAndValues[i + 1]);
        }
        g.writeEndObject();
    }

    public static void writeValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Raw raw -> g.writeRawValue(raw.json());
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer n -> g.writeNumber(n);
            case Long n -> g.writeNumber(n);
            case BigDecimal n -> g.writeNumber(n);
            case Double n -> g.writeNumber(n);
            case UUID id -> g.writeString(id.toString());
            case LocalDate d -> g.writeString(d.toString());
            case LocalTime t -> g.writeString(t.withNano(0).format(DateTimeFormatter.ISO_LOCAL_TIME));
            case OffsetDateTime t -> g.writeString(timestamp(t));
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    writeValue(g, item);
                }
                g.writeEndArray();
            }
            default -> g.writeString(value.toString());
        }
    }

    /** A timestamp in UTC with offset {@code +00:00}, as the old API wrote them. */
    public static String timestamp(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(TIMESTAMP);
    }
}
