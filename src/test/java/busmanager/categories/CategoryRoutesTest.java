package busmanager.categories;

import static busmanager.testing.ApiServer.body;
import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static busmanager.testing.FleetAsserts.isTimestamp;
import static busmanager.testing.FleetAsserts.namesField;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CategoryRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    private static UUID create(String admin, String name) {
        Res r = api.post("/expense-categories", admin, body("name", name, "description", "d", "icon", "Tag"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    @Test
    void seededCategoriesByNameForEveryRole() {
        for (String token : List.of(api.newAdmin(), api.newDriver(), api.newRepairOrgUser())) {
            JsonNode list = api.get("/expense-categories", token).json();
            List<String> names = new ArrayList<>();
            for (JsonNode c : list) {
                hasExactlyKeys(c, "id", "name", "description", "icon", "created_at");
                isTimestamp(c.get("created_at"));
                names.add(c.get("name").asText());
            }
            assertThat(names).isSorted().contains("Diesel", "Water", "Miscellaneous");
        }
        assertThat(api.get("/expense-categories", null).status()).isEqualTo(401);
    }

    @Test
    void nameFilterIsExactAndIgnoresCase() {
        String driver = api.newDriver();
        JsonNode water = api.get("/expense-categories?name=water", driver).json();
        assertThat(water.size()).isEqualTo(1);
        assertThat(water.get(0).get("name").asText()).isEqualTo("Water");
        assertThat(water.get(0).get("icon").asText()).isEqualTo("Droplets");
        assertThat(api.get("/expense-categories?name=WATER", driver).json().size()).isEqualTo(1);
        assertThat(api.get("/expense-categories?name=wat", driver).json().size()).isZero();
        assertThat(api.get("/expense-categories?name=Traffic%20Fine", driver).json().get(0).get("name").asText())
                .isEqualTo("Traffic Fine");
        // An empty filter is no filter.
        assertThat(api.get("/expense-categories?name=", driver).json().size()).isGreaterThan(1);
    }

    @Test
    void duplicateNamesComeBackOldestFirst() {
        String admin = api.newAdmin();
        UUID first = create(admin, "Tyre");
        create(admin, "tyre");
        JsonNode both = api.get("/expense-categories?name=TYRE", admin).json();
        assertThat(both.size()).isEqualTo(2);
        assertThat(both.get(0).get("id").asText()).isEqualTo(first.toString());
    }

    @Test
    void legacyListHasNoTimestamps() {
        JsonNode list = api.get("/expenses/categories", api.newDriver()).json();
        assertThat(list.size()).isGreaterThanOrEqualTo(8);
        List<String> names = new ArrayList<>();
        for (JsonNode c : list) {
            hasExactlyKeys(c, "id", "name", "description", "icon");
            names.add(c.get("name").asText());
        }
        assertThat(names).isSorted();
        assertThat(api.get("/expenses/categories", null).status()).isEqualTo(401);
    }

    @Test
    void createGetUpdate() {
        String admin = api.newAdmin();
        Res created = api.post("/expense-categories", admin, body("name", "  Cleaning ", "icon", "Sparkles"));
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        JsonNode c = created.json();
        hasExactlyKeys(c, "id", "name", "description", "icon", "created_at");
        assertThat(c.get("name").asText()).isEqualTo("Cleaning");
        assertThat(c.get("description").isNull()).isTrue();
        UUID id = UUID.fromString(c.get("id").asText());

        JsonNode got = api.get("/expense-categories/" + id, api.newDriver()).json();
        assertThat(got).isEqualTo(c);

        JsonNode updated = api.put("/expense-categories/" + id, admin, body("description", "Bus washing")).json();
        assertThat(updated.get("name").asText()).isEqualTo("Cleaning");
        assertThat(updated.get("description").asText()).isEqualTo("Bus washing");
        assertThat(updated.get("icon").asText()).isEqualTo("Sparkles");
        JsonNode renamed = api.put("/expense-categories/" + id, admin, body("name", "Washing", "icon", null)).json();
        assertThat(renamed.get("icon").isNull()).isTrue();
        Map<String, Object> row = api.sqlRows("SELECT name, description, icon FROM expense_categories WHERE id = ?",
                id).get(0);
        assertThat(row).containsEntry("name", "Washing").containsEntry("description", "Bus washing")
                .containsEntry("icon", null);
    }

    @Test
    void errorsAndRoles() {
        String admin = api.newAdmin();
        UUID id = create(admin, "Guarded");
        namesField(api.post("/expense-categories", admin, body("description", "no name")), "name");
        namesField(api.post("/expense-categories", admin, body("name", "")), "name");
        namesField(api.post("/expense-categories", admin, body("name", 42)), "name");
        namesField(api.post("/expense-categories", admin, body("name", "n".repeat(101))), "name");
        namesField(api.put("/expense-categories/" + id, admin, body("name", null)), "name");
        for (String path : List.of("/expense-categories/" + UUID.randomUUID(), "/expense-categories/bad")) {
            Res get = api.get(path, admin);
            assertThat(get.status()).isEqualTo(404);
            assertThat(get.detail()).isEqualTo("Category not found");
            assertThat(api.put(path, admin, body("name", "x")).detail()).isEqualTo("Category not found");
            assertThat(api.delete(path, admin).detail()).isEqualTo("Category not found");
        }
        for (String token : List.of(api.newDriver(), api.newRepairOrgUser())) {
            Res post = api.post("/expense-categories", token, body("name", "Sneaky"));
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.detail()).isEqualTo("Admin access required");
            assertThat(api.put("/expense-categories/" + id, token, body("name", "x")).status()).isEqualTo(403);
            assertThat(api.delete("/expense-categories/" + id, token).status()).isEqualTo(403);
        }
        assertThat(api.sqlValue("SELECT count(*) FROM expense_categories WHERE name = 'Sneaky'")).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT name FROM expense_categories WHERE id = ?", id)).isEqualTo("Guarded");
    }

    @Test
    void deleteIsRefusedWhileExpensesUseIt() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID used = create(admin, "Used");
        UUID route = api.sqlUuid("INSERT INTO routes (route_name, from_state_id, to_state_id) "
                + "SELECT 'R', id, id FROM indian_states LIMIT 1 RETURNING id");
        UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, route_id, start_date) VALUES ('T', ?, now()) "
                + "RETURNING id", route);
        api.sqlUpdate("INSERT INTO expenses (trip_id, category_id, submitted_by, amount) VALUES (?, ?, ?, 10)",
                trip, used, api.profileId(driver));
        Res refused = api.delete("/expense-categories/" + used, admin);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).isEqualTo("Cannot delete category: it is used by 1 expense(s)");
        assertThat(api.sqlValue("SELECT count(*) FROM expense_categories WHERE id = ?", used)).isEqualTo(1L);

        UUID unused = create(admin, "Unused");
        Res ok = api.delete("/expense-categories/" + unused, admin);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("message").asText()).isEqualTo("Category deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM expense_categories WHERE id = ?", unused)).isEqualTo(0L);
    }
}
