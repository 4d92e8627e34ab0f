package busmanager.states;

import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void everyRoleGetsTheSeededStatesByName() {
        for (String token : List.of(api.newAdmin(), api.newDriver(), api.newRepairOrgUser())) {
            Res r = api.get("/states", token);
            assertThat(r.status()).isEqualTo(200);
            JsonNode states = r.json();
            assertThat(states.size()).isEqualTo(36);
            List<String> names = new ArrayList<>();
            for (JsonNode s : states) {
                hasExactlyKeys(s, "id", "state_name", "state_code", "is_union_territory");
                assertThat(s.get("is_union_territory").isBoolean()).isTrue();
                names.add(s.get("state_name").asText());
            }
            assertThat(names).isSorted();
            JsonNode delhi = find(states, "DL");
            assertThat(delhi.get("state_name").asText()).isEqualTo("Delhi");
            assertThat(delhi.get("is_union_territory").asBoolean()).isTrue();
            assertThat(find(states, "KA").get("is_union_territory").asBoolean()).isFalse();
            long uts = 0;
            for (JsonNode s : states) {
                uts += s.get("is_union_territory").asBoolean() ? 1 : 0;
            }
            assertThat(uts).isEqualTo(8);
        }
    }

    @Test
    void needsAToken() {
        Res r = api.get("/states", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).isEqualTo("Not authenticated");
        assertThat(api.post("/states", api.newAdmin(), "{}").status()).isEqualTo(405);
    }

    private static JsonNode find(JsonNode states, String code) {
        for (JsonNode s : states) {
            if (s.get("state_code").asText().equals(code)) {
                return s;
            }
        }
        throw new AssertionError("no state " + code);
    }
}
