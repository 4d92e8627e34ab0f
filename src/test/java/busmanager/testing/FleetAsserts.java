package busmanager.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Shape checks for API objects: exact key sets, timestamps with an offset, numbers as JSON numbers. */
public final class FleetAsserts {
    private FleetAsserts() {
    }

    /** The object has exactly these keys (every key present, even when null; nothing extra). */
    public static void hasExactlyKeys(JsonNode object, String... keys) {
        List<String> actual = new ArrayList<>();
        object.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as("keys of %s", object).containsExactlyInAnyOrder(keys);
    }

    /** An ISO-8601 timestamp with seconds and an explicit UTC offset, as api.md §0.4 requires. */
    public static void isTimestamp(JsonNode value) {
        assertThat(value.isTextual()).as("timestamp %s is a string", value).isTrue();
        assertThat(value.asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
        assertThat(OffsetDateTime.parse(value.asText()).getOffset().getTotalSeconds()).isZero();
    }

    public static void isNumber(JsonNode value, double expected) {
        assertThat(value.isNumber()).as("%s is a JSON number", value).isTrue();
        assertThat(value.asDouble()).isEqualTo(expected);
    }

    /** The 422 list form names the field in {@code loc}. */
    public static void namesField(ApiServer.Res res, String field) {
        assertThat(res.status()).as("%s", res).isEqualTo(422);
        JsonNode detail = res.json().get("detail");
        assertThat(detail.isArray()).isTrue();
        assertThat(detail.get(0).get("loc").get(1).asText()).isEqualTo(field);
        assertThat(detail.get(0).get("msg").asText()).isNotBlank();
    }
}
