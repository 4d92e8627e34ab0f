package busmanager.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a request body into a {@link JsonBody}: one JSON object, nesting bounded, anything else a 422. */
final class JsonBodyParser {
    private static final int MAX_DEPTH = 16;

    private JsonBodyParser() {
    }

    static JsonBody parse(byte[] bytes) {
        if (bytes.length == 0 || new String(bytes, 0, Math.min(bytes.length, 64)).isBlank()) {
            return JsonBody.empty();
        }
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("Input should be a valid JSON object");
            }
            Map<String, Object> map = readObject(p, 0);
            if (p.nextToken() != null) {
                throw malformed("Unexpected content after the JSON object");
            }
            return new JsonBody(map);
        } catch (IOException e) {
            throw malformed("JSON decode error");
        }
    }

    private static ApiException malformed(String msg) {
        return ApiException.invalid("body", "body", msg);
    }

    private static Map<String, Object> readObject(JsonParser p, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, readValue(p, depth));
        }
        return map;
    }

    private static Object readValue(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw malformed("JSON nested too deeply");
        }
        return switch (p.currentToken()) {
            case START_OBJECT -> new JsonBody(readObject(p, depth + 1));
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, depth + 1));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw malformed("JSON decode error");
        };
    }
}
