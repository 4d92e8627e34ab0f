package busmanager.backup;

import busmanager.http.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code manifest.json} of a backup archive: what made it, when, at which schema version, and how many
 * rows each table and how many files the upload folder had, so a restore can be checked against it.
 */
public record Manifest(int formatVersion, String createdAt, String appVersion, int schemaVersion, String database,
                Map<String, Long> tableRows, long uploadFiles, long uploadBytes) {
    static final String FORMAT = "busmanager-backup";
    static final int FORMAT_VERSION = 1;

    static Manifest of(Instant createdAt, int schemaVersion, String database, Map<String, Long> tableRows,
                       long uploadFiles, long uploadBytes) {
        return new Manifest(FORMAT_VERSION, createdAt.toString(), currentAppVersion(), schemaVersion, database,
                tableRows, uploadFiles, uploadBytes);
    }

    static String currentAppVersion() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "1.0.0" : v;
    }

    String toJson() {
        return Json.write(g -> {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("format_version", formatVersion);
            g.writeStringField("created_at", createdAt);
            g.writeStringField("app_version", appVersion);
            g.writeNumberField("schema_version", schemaVersion);
            g.writeStringField("database", database);
            g.writeObjectFieldStart("table_rows");
            for (var e : tableRows.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("upload_files", uploadFiles);
            g.writeNumberField("upload_bytes", uploadBytes);
            g.writeEndObject();
        });
    }

    static Manifest parse(byte[] json) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("manifest.json is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("table_rows") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String table = p.currentName();
                        p.nextToken();
                        rows.put(table, p.getLongValue());
                    }
                } else if (value.isNumeric()) {
                    fields.put(name, p.getLongValue());
                } else if (value.isScalarValue()) {
                    fields.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        if (!FORMAT.equals(fields.get("format"))) {
            throw new IOException("not a BusManager backup (manifest.json has no \"format\": \"" + FORMAT + "\")");
        }
        return new Manifest((int) number(fields, "format_version"), (String) fields.get("created_at"),
                (String) fields.get("app_version"), (int) number(fields, "schema_version"),
                (String) fields.get("database"),
                rows, number(fields, "upload_files"), number(fields, "upload_bytes"));
    }

    private static long number(Map<String, Object> fields, String name) throws IOException {
        if (!(fields.get(name) instanceof Long n)) {
            throw new IOException("manifest.json lacks the number \"" + name + "\"");
        }
        return n;
    }
}
