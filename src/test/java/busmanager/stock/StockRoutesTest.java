package busmanager.stock;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.Concurrently;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StockRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static String admin;
    static String driver;
    static String workshop;

    @BeforeAll
    static void users() {
        admin = api.newAdmin();
        driver = api.newDriver();
        workshop = api.newRepairOrgUser();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID createItem(String name, int quantity) {
        Res r = api.post("/stock", admin, body("item_name", name, "quantity", quantity));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    private static int quantity(UUID id) {
        return (Integer) api.sqlValue("SELECT quantity FROM stock_items WHERE id = ?", id);
    }

    private static long transactions(UUID id) {
        return (Long) api.sqlValue("SELECT count(*) FROM stock_transactions WHERE stock_item_id = ?", id);
    }

    @Test
    void createAppliesDefaultsAndWritesNoTransaction() {
        Res r = api.post("/stock", admin, body("item_name", "Brake pads"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        UUID id = UUID.fromString(j.get("id").asText());
        assertThat(j.get("item_name").asText()).isEqualTo("Brake pads");
        assertThat(j.get("quantity").asInt()).isZero();
        assertThat(j.get("unit").asText()).isEqualTo("pieces");
        assertThat(j.get("unit_price").decimalValue()).isEqualByComparingTo("0");
        assertThat(j.get("gst_percentage").decimalValue()).isEqualByComparingTo("0");
        assertThat(j.get("low_stock_threshold").asInt()).isEqualTo(50);
        assertThat(j.get("notes").isNull()).isTrue();
        assertThat(j.get("last_updated_by").asText()).isEqualTo(api.profileId(admin).toString());
        assertThat(j.has("created_at")).isTrue();
        assertThat(j.has("updated_at")).isTrue();
        assertThat(transactions(id)).isZero();

        Res full = api.post("/stock", admin, body("item_name", "Water 1L", "quantity", 240, "unit", "bottles",
                "unit_price", 12.5, "low_stock_threshold", 20, "gst_percentage", 18, "notes", "crate of 24"));
        assertThat(full.status()).isEqualTo(200);
        Map<String, Object> row = api.sqlRows("SELECT * FROM stock_items WHERE id = ?",
                UUID.fromString(full.json().get("id").asText())).get(0);
        assertThat(row.get("quantity")).isEqualTo(240);
        assertThat(row.get("unit")).isEqualTo("bottles");
        assertThat((BigDecimal) row.get("unit_price")).isEqualByComparingTo("12.5");
        assertThat((BigDecimal) row.get("gst_percentage")).isEqualByComparingTo("18");
        assertThat(row.get("low_stock_threshold")).isEqualTo(20);
        assertThat(row.get("notes")).isEqualTo("crate of 24");
    }

    @Test
    void createRejectsBadInput() {
        assertThat(api.post("/stock", admin, body("quantity", 5)).status()).isEqualTo(422);
        assertThat(api.post("/stock", admin, body("item_name", "  ")).status()).isEqualTo(422);
        assertThat(api.post("/stock", admin, body("item_name", "x".repeat(201))).status()).isEqualTo(422);
        Res negative = api.post("/stock", admin, body("item_name", "Oil", "quantity", -1));
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("quantity");
        assertThat(api.post("/stock", admin, body("item_name", "Oil", "quantity", 1.5)).status()).isEqualTo(422);
        assertThat(api.post("/stock", admin, body("item_name", "Oil", "unit_price", -2)).status()).isEqualTo(422);
        assertThat(api.post("/stock", admin, body("item_name", "Oil", "gst_percentage", 101)).status()).isEqualTo(422);
        assertThat(api.post("/stock", admin, body("item_name", "Oil", "unit_price", "abc")).status()).isEqualTo(422);
    }

    @Test
    void listIsByNameAndFiltersByCaseInsensitiveSubstring() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        createItem("Zeta " + tag, 1);
        createItem("alpha " + tag.toUpperCase(), 1);
        createItem("Mid " + tag, 1);
        createItem("unrelated", 1);
        Res r = api.get("/stock?name=" + tag.toUpperCase(), driver);
        assertThat(r.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().forEach(item -> names.add(item.get("item_name").asText()));
        assertThat(names).containsExactly("alpha " + tag.toUpperCase(), "Mid " + tag, "Zeta " + tag);

        // The seeded water items answer the DriverTrips lookup.
        Res water = api.get("/stock?name=water", driver);
        assertThat(water.json().size()).isGreaterThanOrEqualTo(1);
        water.json().forEach(item -> assertThat(item.get("item_name").asText().toLowerCase()).contains("water"));

        Res all = api.get("/stock", admin);
        List<String> allNames = new ArrayList<>();
        all.json().forEach(item -> allNames.add(item.get("item_name").asText()));
        assertThat(allNames).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void nameSearchTreatsWildcardsLiterally() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        createItem("Coolant 50% " + tag, 1);
        createItem("Coolant 500 " + tag, 1);
        Res r = api.get("/stock?name=50%25%20" + tag, admin);
        assertThat(r.json().size()).isEqualTo(1);
        assertThat(r.json().get(0).get("item_name").asText()).isEqualTo("Coolant 50% " + tag);
        assertThat(api.get("/stock?name=_" + tag, admin).json().size()).isZero();
    }

    @Test
    void getOneAndNotFound() {
        UUID id = createItem(unique("Fan belt"), 3);
        Res r = api.get("/stock/" + id, driver);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("quantity").asInt()).isEqualTo(3);
        Res missing = api.get("/stock/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Stock item not found");
        Res malformed = api.get("/stock/not-a-uuid", admin);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.detail()).isEqualTo("Stock item not found");
    }

    @Test
    void rolesAreChecked() {
        UUID id = createItem(unique("Wiper"), 10);
        for (String path : List.of("/stock", "/stock/transactions", "/stock/" + id)) {
            Res r = api.get(path, workshop);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Access denied");
            assertThat(api.get(path, null).status()).isEqualTo(401);
        }
        Res adjust = api.post("/stock/" + id + "/adjust", workshop,
                body("quantity_change", 1, "transaction_type", "add"));
        assertThat(adjust.status()).isEqualTo(403);
        assertThat(adjust.detail()).isEqualTo("Access denied");

        Res create = api.post("/stock", driver, body("item_name", "Driver item"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.detail()).isEqualTo("Admin access required");
        assertThat(api.put("/stock/" + id, driver, body("quantity", 99)).status()).isEqualTo(403);
        assertThat(api.delete("/stock/" + id, driver).status()).isEqualTo(403);
        assertThat(api.put("/stock/" + id, workshop, body("quantity", 99)).status()).isEqualTo(403);
        assertThat(quantity(id)).isEqualTo(10);
        assertThat(transactions(id)).isZero();
    }

    @Test
    void adjustAddsRemovesAndRecordsTransactions() {
        UUID id = createItem(unique("Water 500ml"), 10);
        Res add = api.post("/stock/" + id + "/adjust", admin,
                body("quantity_change", 5, "transaction_type", "add", "notes", "delivery"));
        assertThat(add.status()).isEqualTo(200);
        assertThat(add.json().get("quantity").asInt()).isEqualTo(15);
        assertThat(add.json().get("last_updated_by").asText()).isEqualTo(api.profileId(admin).toString());

        Res remove = api.post("/stock/" + id + "/adjust", driver,
                body("quantity_change", 4, "transaction_type", "remove", "notes", "trip water"));
        assertThat(remove.status()).isEqualTo(200);
        assertThat(remove.json().get("quantity").asInt()).isEqualTo(11);
        assertThat(remove.json().get("last_updated_by").asText()).isEqualTo(api.profileId(driver).toString());

        Res adjustment = api.post("/stock/" + id + "/adjust", admin,
                body("quantity_change", -1, "transaction_type", "adjustment"));
        assertThat(adjustment.status()).isEqualTo(200);
        assertThat(quantity(id)).isEqualTo(10);

        List<Map<String, Object>> rows = api.sqlRows("SELECT transaction_type::text AS type, quantity_change, "
                + "previous_quantity, new_quantity, notes, created_by FROM stock_transactions "
                + "WHERE stock_item_id = ? ORDER BY created_at", id);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("type", "add").containsEntry("quantity_change", 5)
                .containsEntry("previous_quantity", 10).containsEntry("new_quantity", 15)
                .containsEntry("notes", "delivery").containsEntry("created_by", api.profileId(admin));
        // removals keep the positive amount as sent; the type gives the sign
        assertThat(rows.get(1)).containsEntry("type", "remove").containsEntry("quantity_change", 4)
                .containsEntry("previous_quantity", 15).containsEntry("new_quantity", 11)
                .containsEntry("created_by", api.profileId(driver));
        assertThat(rows.get(2)).containsEntry("type", "adjustment").containsEntry("quantity_change", -1)
                .containsEntry("previous_quantity", 11).containsEntry("new_quantity", 10);
    }

    @Test
    void adjustNeverGoesBelowZero() {
        UUID id = createItem(unique("Horn"), 3);
        Res tooMany = api.post("/stock/" + id + "/adjust", driver,
                body("quantity_change", 4, "transaction_type", "remove"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.detail()).isEqualTo("Insufficient stock");
        Res negativeAdjustment = api.post("/stock/" + id + "/adjust", admin,
                body("quantity_change", -4, "transaction_type", "adjustment"));
        assertThat(negativeAdjustment.status()).isEqualTo(400);
        assertThat(negativeAdjustment.detail()).isEqualTo("Insufficient stock");
        assertThat(quantity(id)).isEqualTo(3);
        assertThat(transactions(id)).isZero();

        Res all = api.post("/stock/" + id + "/adjust", driver,
                body("quantity_change", 3, "transaction_type", "remove"));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("quantity").asInt()).isZero();
    }

    @Test
    void adjustRejectsBadInput() {
        UUID id = createItem(unique("Mirror"), 3);
        String path = "/stock/" + id + "/adjust";
        for (String type : List.of("add", "remove")) {
            for (int change : new int[] {0, -2}) {
                Res r = api.post(path, admin, body("quantity_change", change, "transaction_type", type));
                assertThat(r.status()).as(type + " " + change).isEqualTo(400);
                assertThat(r.detail()).isEqualTo("Quantity change must be greater than 0");
            }
        }
        Res missing = api.post(path, admin, body("transaction_type", "add"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("quantity_change");
        assertThat(api.post(path, admin, body("quantity_change", 1)).status()).isEqualTo(422);
        assertThat(api.post(path, admin, body("quantity_change", 1, "transaction_type", "steal")).status())
                .isEqualTo(422);
        assertThat(api.post(path, admin, body("quantity_change", 1.5, "transaction_type", "add")).status())
                .isEqualTo(422);
        assertThat(api.post(path, admin, body("quantity_change", 1, "transaction_type", "add", "notes",
                "n".repeat(5001))).status()).isEqualTo(422);
        Res unknown = api.post("/stock/" + UUID.randomUUID() + "/adjust", admin,
                body("quantity_change", 1, "transaction_type", "add"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Stock item not found");
        assertThat(api.post("/stock/xyz/adjust", admin, body("quantity_change", 1, "transaction_type", "add"))
                .status()).isEqualTo(404);
        Res overflow = api.post(path, admin, body("quantity_change", Integer.MAX_VALUE, "transaction_type", "add"));
        assertThat(overflow.status()).isEqualTo(400);
        assertThat(quantity(id)).isEqualTo(3);
        assertThat(transactions(id)).isZero();
    }

    @Test
    void updateIsPartialAndLogsQuantityEdits() {
        UUID id = createItem(unique("Bulb"), 10);
        api.sqlUpdate("UPDATE stock_items SET notes = 'keep', unit_price = 40 WHERE id = ?", id);
        Res price = api.put("/stock/" + id, admin, body("unit_price", 45.75));
        assertThat(price.status()).isEqualTo(200);
        assertThat(price.json().get("unit_price").decimalValue()).isEqualByComparingTo("45.75");
        assertThat(price.json().get("notes").asText()).isEqualTo("keep");
        assertThat(price.json().get("quantity").asInt()).isEqualTo(10);
        assertThat(transactions(id)).isZero();

        Res qty = api.put("/stock/" + id, admin, body("quantity", 7, "low_stock_threshold", 2));
        assertThat(qty.status()).isEqualTo(200);
        assertThat(qty.json().get("quantity").asInt()).isEqualTo(7);
        assertThat(qty.json().get("low_stock_threshold").asInt()).isEqualTo(2);
        Map<String, Object> t = api.sqlRows("SELECT transaction_type::text AS type, quantity_change, "
                + "previous_quantity, new_quantity, notes, created_by FROM stock_transactions "
                + "WHERE stock_item_id = ?", id).get(0);
        assertThat(t).containsEntry("type", "adjustment").containsEntry("quantity_change", -3)
                .containsEntry("previous_quantity", 10).containsEntry("new_quantity", 7)
                .containsEntry("notes", "Manual edit").containsEntry("created_by", api.profileId(admin));

        Res same = api.put("/stock/" + id, admin, body("quantity", 7, "notes", null));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("notes").isNull()).isTrue();
        assertThat(transactions(id)).isEqualTo(1);
    }

    @Test
    void updateRejectsBadInput() {
        UUID id = createItem(unique("Seat cover"), 10);
        assertThat(api.put("/stock/" + id, admin, body("quantity", -1)).status()).isEqualTo(422);
        assertThat(api.put("/stock/" + id, admin, body("quantity", null)).status()).isEqualTo(422);
        assertThat(api.put("/stock/" + id, admin, body("item_name", null)).status()).isEqualTo(422);
        assertThat(api.put("/stock/" + id, admin, body("unit", "")).status()).isEqualTo(422);
        assertThat(api.put("/stock/" + id, admin, body("low_stock_threshold", null)).status()).isEqualTo(422);
        assertThat(api.put("/stock/" + id, admin, body("gst_percentage", 250)).status()).isEqualTo(422);
        Res missing = api.put("/stock/" + UUID.randomUUID(), admin, body("quantity", 1));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Stock item not found");
        assertThat(quantity(id)).isEqualTo(10);
    }

    @Test
    void transactionsAreNewestFirstWithTheirItem() {
        String name = unique("Tyre");
        UUID id = createItem(name, 0);
        UUID other = createItem(unique("Other"), 0);
        for (int i = 1; i <= 3; i++) {
            api.post("/stock/" + id + "/adjust", admin, body("quantity_change", i, "transaction_type", "add"));
        }
        api.post("/stock/" + other + "/adjust", admin, body("quantity_change", 1, "transaction_type", "add"));

        Res r = api.get("/stock/transactions?stock_item_id=" + id, driver);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(3);
        JsonNode newest = r.json().get(0);
        assertThat(newest.get("quantity_change").asInt()).isEqualTo(3);
        assertThat(newest.get("previous_quantity").asInt()).isEqualTo(3);
        assertThat(newest.get("new_quantity").asInt()).isEqualTo(6);
        assertThat(newest.get("transaction_type").asText()).isEqualTo("add");
        assertThat(newest.get("stock_item_id").asText()).isEqualTo(id.toString());
        assertThat(newest.get("created_by").asText()).isEqualTo(api.profileId(admin).toString());
        assertThat(newest.get("stock_item").get("id").asText()).isEqualTo(id.toString());
        assertThat(newest.get("stock_item").get("item_name").asText()).isEqualTo(name);
        assertThat(r.json().get(2).get("quantity_change").asInt()).isEqualTo(1);

        Res limited = api.get("/stock/transactions?stock_item_id=" + id + "&limit=2", admin);
        assertThat(limited.json().size()).isEqualTo(2);
        Res all = api.get("/stock/transactions", admin);
        assertThat(all.json().size()).isGreaterThanOrEqualTo(4);
        assertThat(all.json().get(0).get("stock_item_id").asText()).isEqualTo(other.toString());
        assertThat(api.get("/stock/transactions?stock_item_id=nope", admin).status()).isEqualTo(422);
        assertThat(api.get("/stock/transactions?limit=abc", admin).status()).isEqualTo(422);
    }

    @Test
    void deleteRemovesTheItemWithItsHistory() {
        UUID id = createItem(unique("Jack"), 2);
        api.post("/stock/" + id + "/adjust", admin, body("quantity_change", 1, "transaction_type", "add"));
        assertThat(transactions(id)).isEqualTo(1);
        Res r = api.delete("/stock/" + id, admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Stock item deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM stock_items WHERE id = ?", id)).isEqualTo(0L);
        assertThat(transactions(id)).isZero();
        Res again = api.delete("/stock/" + id, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Stock item not found");
    }

    @Test
    void concurrentAdjustmentsNeverLoseAnUpdate() throws Exception {
        UUID id = createItem(unique("Water crate"), 0);
        int n = 16;
        List<Res> results = Concurrently.send(n, i -> api.post("/stock/" + id + "/adjust", i % 2 == 0 ? admin : driver,
                body("quantity_change", 1, "transaction_type", "add")));
        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(quantity(id)).isEqualTo(n);
        List<Map<String, Object>> rows = api.sqlRows("SELECT previous_quantity, new_quantity FROM stock_transactions "
                + "WHERE stock_item_id = ? ORDER BY created_at, new_quantity", id);
        assertThat(rows).hasSize(n);
        for (int i = 0; i < n; i++) {
            // one unbroken chain 0→1→2…, in the order the rows were written
            assertThat(rows.get(i)).containsEntry("previous_quantity", i).containsEntry("new_quantity", i + 1);
        }
    }

    @Test
    void concurrentRemovalsStopAtZero() throws Exception {
        UUID id = createItem(unique("Last bottles"), 5);
        List<Res> results = Concurrently.send(10, i -> api.post("/stock/" + id + "/adjust", driver,
                body("quantity_change", 1, "transaction_type", "remove")));
        assertThat(results.stream().filter(r -> r.status() == 200)).hasSize(5);
        assertThat(results.stream().filter(r -> r.status() == 400))
                .hasSize(5).allSatisfy(r -> assertThat(r.detail()).isEqualTo("Insufficient stock"));
        assertThat(quantity(id)).isZero();
        assertThat(transactions(id)).isEqualTo(5);
    }
}
