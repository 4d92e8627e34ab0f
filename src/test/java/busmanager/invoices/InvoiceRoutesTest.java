package busmanager.invoices;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InvoiceRoutesTest {
    /** 20:00 UTC on 31 March is already 1 April in India: defaults use the business zone's date. */
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-03-31T20:00:00Z")));
    static String admin;
    static String driver;
    static String workshop;

    @BeforeAll
    static void users() {
        admin = api.newAdmin();
        driver = api.newDriver();
        workshop = api.newRepairOrgUser();
    }

    static String number() {
        return "INV" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> item(String description, Object quantity, Object price) {
        return body("description", description, "quantity", quantity, "unit_price", price, "gst_percentage", 18,
                "rate_includes_gst", false, "is_deduction", false);
    }

    static UUID create(Map<String, Object> extra) {
        Map<String, Object> b = body("invoice_number", number(), "customer_name", "Sharma Travels");
        b.putAll(extra);
        Res r = api.post("/invoices", admin, b);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    static List<String> descriptions(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("description").asText()));
        return out;
    }

    static BigDecimal column(UUID id, String column) {
        return (BigDecimal) api.sqlValue("SELECT " + column + " FROM invoices WHERE id = ?", id);
    }

    @Test
    void createIgnoresClientTotalsAndStatusAndAppliesDefaults() {
        String number = number();
        Res r = api.post("/invoices", admin, body("invoice_number", number, "customer_name", "Sharma Travels",
                "line_items", List.of(item("Charter Bengaluru - Mysuru", 2, 5000)),
                "subtotal", 1, "gst_amount", 2, "total_amount", 3, "amount_paid", 99999, "balance_due", 4,
                "status", "paid", "trip_id", "", "bus_id", ""));
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("invoice_number").asText()).isEqualTo(number);
        assertThat(j.get("status").asText()).isEqualTo("draft");
        assertThat(j.get("invoice_date").asText()).isEqualTo("2025-04-01");
        assertThat(j.get("invoice_type").asText()).isEqualTo("customer");
        assertThat(j.get("direction").asText()).isEqualTo("sales");
        assertThat(j.get("category").asText()).isEqualTo("general");
        assertThat(j.get("trip_id").isNull()).isTrue();
        assertThat(j.get("bus_id").isNull()).isTrue();
        assertThat(j.get("subtotal").decimalValue()).isEqualByComparingTo("10000");
        assertThat(j.get("gst_amount").decimalValue()).isEqualByComparingTo("1800");
        assertThat(j.get("total_amount").decimalValue()).isEqualByComparingTo("11800");
        assertThat(j.get("amount_paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(j.get("balance_due").decimalValue()).isEqualByComparingTo("11800");
        assertThat(j.get("payments").isArray()).isTrue();
        assertThat(j.get("payments").size()).isZero();
        JsonNode line = j.get("line_items").get(0);
        assertThat(line.get("base_amount").decimalValue()).isEqualByComparingTo("10000");
        assertThat(line.get("gst_amount").decimalValue()).isEqualByComparingTo("1800");
        assertThat(line.get("amount").decimalValue()).isEqualByComparingTo("11800");
        assertThat(line.get("rate_includes_gst").asBoolean()).isFalse();
        assertThat(line.get("is_deduction").asBoolean()).isFalse();
        for (String key : List.of("id", "due_date", "customer_address", "customer_phone", "customer_gst",
                "vendor_name", "vendor_address", "vendor_phone", "vendor_gst", "notes", "terms", "created_at",
                "updated_at")) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        UUID id = UUID.fromString(j.get("id").asText());
        Map<String, Object> row = api.sqlRows("SELECT status::text AS status, amount_paid, total_amount, invoice_date "
                + "FROM invoices WHERE id = ?", id).get(0);
        assertThat(row.get("status")).isEqualTo("draft");
        assertThat((BigDecimal) row.get("amount_paid")).isEqualByComparingTo("0");
        assertThat((BigDecimal) row.get("total_amount")).isEqualByComparingTo("11800");
        assertThat(row.get("invoice_date").toString()).isEqualTo("2025-04-01");
    }

    @Test
    void createStoresEveryField() {
        UUID bus = api.sqlUuid("INSERT INTO buses (registration_number) VALUES ('KA01AB1234') RETURNING id");
        UUID route = api.sqlUuid("INSERT INTO routes (route_name, from_state_id, to_state_id) "
                + "SELECT 'A - B', id, id FROM indian_states LIMIT 1 RETURNING id");
        UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, route_id, start_date) VALUES ('T-1', ?, now()) "
                + "RETURNING id", route);
        Res r = api.post("/invoices", admin, body("invoice_number", number(), "invoice_date", "2025-02-10",
                "due_date", "2025-03-10", "invoice_type", "charter", "customer_name", "Fuel Depot",
                "customer_address", "MG Road", "customer_phone", "9876543210", "customer_gst", "29ABCDE1234F1Z5",
                "vendor_name", "Fuel Depot", "vendor_address", "Hosur Rd", "vendor_phone", "080123",
                "vendor_gst", "29XYZ", "trip_id", trip.toString(), "bus_id", bus.toString(), "notes", "n",
                "terms", "30 days", "direction", "purchase", "category", "fuel"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, Object> row = api.sqlRows("SELECT invoice_date, due_date, invoice_type::text AS t, "
                + "direction::text AS d, category::text AS c, customer_gst, vendor_address, trip_id, bus_id, terms "
                + "FROM invoices WHERE id = ?", UUID.fromString(r.json().get("id").asText())).get(0);
        assertThat(row.get("invoice_date").toString()).isEqualTo("2025-02-10");
        assertThat(row.get("due_date").toString()).isEqualTo("2025-03-10");
        assertThat(row).containsEntry("t", "charter").containsEntry("d", "purchase").containsEntry("c", "fuel")
                .containsEntry("customer_gst", "29ABCDE1234F1Z5").containsEntry("vendor_address", "Hosur Rd")
                .containsEntry("trip_id", trip).containsEntry("bus_id", bus).containsEntry("terms", "30 days");
    }

    @Test
    void createRejectsBadInput() {
        Res missingNumber = api.post("/invoices", admin, body("customer_name", "X"));
        assertThat(missingNumber.status()).isEqualTo(422);
        assertThat(missingNumber.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("invoice_number");
        assertThat(api.post("/invoices", admin, body("invoice_number", number())).status()).isEqualTo(422);
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("invoice_type", "retail", "direction", "sideways",
                "category", "food", "invoice_date", "31-01-2025", "trip_id", "not-a-uuid",
                "line_items", "nope", "customer_phone", "9".repeat(31)).entrySet()) {
            Map<String, Object> b = body("invoice_number", number(), "customer_name", "X");
            b.put(bad.getKey(), bad.getValue());
            Res r = api.post("/invoices", admin, b);
            assertThat(r.status()).as(bad.getKey()).isEqualTo(422);
            assertThat(r.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo(bad.getKey());
        }
        Res noDescription = api.post("/invoices", admin, body("invoice_number", number(), "customer_name", "X",
                "line_items", List.of(body("quantity", 1, "unit_price", 10))));
        assertThat(noDescription.status()).isEqualTo(422);
        assertThat(noDescription.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("description");
        Res negativePrice = api.post("/invoices", admin, body("invoice_number", number(), "customer_name", "X",
                "line_items", List.of(body("description", "d", "unit_price", -10))));
        assertThat(negativePrice.status()).isEqualTo(422);

        Res unknownTrip = api.post("/invoices", admin, body("invoice_number", number(), "customer_name", "X",
                "trip_id", UUID.randomUUID().toString()));
        assertThat(unknownTrip.status()).isEqualTo(422);
        assertThat(unknownTrip.body()).contains("trip_id");
        Res unknownBus = api.post("/invoices", admin, body("invoice_number", number(), "customer_name", "X",
                "bus_id", UUID.randomUUID().toString()));
        assertThat(unknownBus.status()).isEqualTo(422);
        assertThat(unknownBus.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("bus_id");
        assertThat(api.sqlValue("SELECT count(*) FROM invoices WHERE customer_name = 'X'")).isEqualTo(0L);
    }

    @Test
    void duplicateNumberIsAConflictOnCreateAndUpdate() {
        String taken = number();
        create(body("invoice_number", taken));
        Res dup = api.post("/invoices", admin, body("invoice_number", taken, "customer_name", "Other"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.detail()).isEqualTo("Invoice number already exists");
        assertThat(api.sqlValue("SELECT count(*) FROM invoices WHERE invoice_number = ?", taken)).isEqualTo(1L);

        UUID other = create(Map.of());
        Res clash = api.put("/invoices/" + other, admin, body("invoice_number", taken, "notes", "changed"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.detail()).isEqualTo("Invoice number already exists");
        assertThat(api.sqlValue("SELECT notes FROM invoices WHERE id = ?", other)).isNull();

        String own = (String) api.sqlValue("SELECT invoice_number FROM invoices WHERE id = ?", other);
        assertThat(api.put("/invoices/" + other, admin, body("invoice_number", own)).status()).isEqualTo(200);
        String renamed = number();
        assertThat(api.put("/invoices/" + other, admin, body("invoice_number", renamed)).status()).isEqualTo(200);
        assertThat(api.sqlValue("SELECT invoice_number FROM invoices WHERE id = ?", other)).isEqualTo(renamed);
    }

    @Test
    void lineItemsKeepTheOrderTheyWereSentIn() {
        List<String> order = List.of("delta", "alpha", "echo", "charlie", "bravo", "foxtrot");
        List<Object> items = new ArrayList<>();
        order.forEach(d -> items.add(item(d, 1, 100)));
        UUID id = create(body("line_items", items));
        assertThat(descriptions(api.get("/invoices/" + id, admin).json().get("line_items"))).isEqualTo(order);
        Res listed = api.get("/invoices/" + id + "/line-items", admin);
        assertThat(descriptions(listed.json())).isEqualTo(order);
        assertThat(listed.json().get(0).get("invoice_id").asText()).isEqualTo(id.toString());
        assertThat(listed.json().get(0).has("created_at")).isTrue();

        api.post("/invoices/" + id + "/line-items", admin, item("golf", 1, 1));
        api.post("/invoices/" + id + "/line-items", admin, item("able", 1, 1));
        List<String> extended = new ArrayList<>(order);
        extended.addAll(List.of("golf", "able"));
        assertThat(descriptions(api.get("/invoices/" + id + "/line-items", admin).json())).isEqualTo(extended);

        List<String> replaced = List.of("zulu", "yankee", "xray");
        List<Object> newItems = new ArrayList<>();
        replaced.forEach(d -> newItems.add(item(d, 1, 10)));
        api.put("/invoices/" + id, admin, body("line_items", newItems));
        assertThat(descriptions(api.get("/invoices/" + id, admin).json().get("line_items"))).isEqualTo(replaced);
        assertThat(descriptions(api.get("/invoices/" + id + "/line-items", admin).json())).isEqualTo(replaced);
    }

    @Test
    void rowsOfTheOldBackendComeFirstByCreationTime() {
        UUID id = create(Map.of());
        // Written before the ordering column existed: no position, ordered by created_at.
        api.sqlUpdate("INSERT INTO invoice_line_items (invoice_id, description, created_at, position) VALUES "
                + "(?, 'old second', now() - interval '1 day', NULL), "
                + "(?, 'old first', now() - interval '2 days', NULL)",
                id, id);
        api.post("/invoices/" + id + "/line-items", admin, item("new", 1, 1));
        assertThat(descriptions(api.get("/invoices/" + id + "/line-items", admin).json()))
                .containsExactly("old first", "old second", "new");
        assertThat(descriptions(api.get("/invoices/" + id, admin).json().get("line_items")))
                .containsExactly("old first", "old second", "new");
    }

    @Test
    void updateAppliesEverySentFieldAndReplacesLines() {
        UUID id = create(body("customer_address", "keep me", "line_items", List.of(item("a", 1, 100),
                item("b", 1, 200))));
        Res r = api.put("/invoices/" + id, admin, body("vendor_name", "Vendor", "vendor_address", "Addr",
                "vendor_phone", "123", "vendor_gst", "GST1", "invoice_type", "online_app", "category", "tolls",
                "direction", "purchase", "customer_name", "New Name", "due_date", "", "notes", "updated",
                "subtotal", 5, "total_amount", 5, "balance_due", 5,
                "line_items", List.of(item("c", 2, 50))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("vendor_name").asText()).isEqualTo("Vendor");
        assertThat(j.get("vendor_gst").asText()).isEqualTo("GST1");
        assertThat(j.get("invoice_type").asText()).isEqualTo("online_app");
        assertThat(j.get("category").asText()).isEqualTo("tolls");
        assertThat(j.get("direction").asText()).isEqualTo("purchase");
        assertThat(j.get("customer_name").asText()).isEqualTo("New Name");
        assertThat(j.get("customer_address").asText()).isEqualTo("keep me");
        assertThat(j.get("due_date").isNull()).isTrue();
        assertThat(j.get("status").asText()).isEqualTo("draft");
        assertThat(descriptions(j.get("line_items"))).containsExactly("c");
        assertThat(api.sqlValue("SELECT count(*) FROM invoice_line_items WHERE invoice_id = ?", id)).isEqualTo(1L);
        assertThat(column(id, "subtotal")).isEqualByComparingTo("100");
        assertThat(column(id, "gst_amount")).isEqualByComparingTo("18");
        assertThat(column(id, "total_amount")).isEqualByComparingTo("118");
        assertThat(column(id, "balance_due")).isEqualByComparingTo("118");
    }

    @Test
    void statusChangesOnlyWhenSentAndLinesStayWithoutLineItems() {
        UUID id = create(body("line_items", List.of(item("a", 1, 100))));
        for (String status : List.of("sent", "overdue", "cancelled", "paid", "partial", "draft")) {
            Res r = api.put("/invoices/" + id, admin, body("status", status));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo(status);
            assertThat(api.sqlValue("SELECT status::text FROM invoices WHERE id = ?", id)).isEqualTo(status);
        }
        api.put("/invoices/" + id, admin, body("notes", "only notes"));
        assertThat(api.sqlValue("SELECT status::text FROM invoices WHERE id = ?", id)).isEqualTo("draft");
        assertThat(api.sqlValue("SELECT count(*) FROM invoice_line_items WHERE invoice_id = ?", id)).isEqualTo(1L);
        assertThat(column(id, "total_amount")).isEqualByComparingTo("118");

        assertThat(api.put("/invoices/" + id, admin, body("status", "lost")).status()).isEqualTo(422);
        assertThat(api.put("/invoices/" + id, admin, body("status", null)).status()).isEqualTo(422);
        assertThat(api.put("/invoices/" + id, admin, body("customer_name", "")).status()).isEqualTo(422);
        assertThat(api.put("/invoices/" + id, admin, body("invoice_date", null)).status()).isEqualTo(422);
        assertThat(api.put("/invoices/" + id, admin, body("bus_id", UUID.randomUUID().toString())).status())
                .isEqualTo(422);
        Res missing = api.put("/invoices/" + UUID.randomUUID(), admin, body("status", "sent"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Invoice not found");
    }

    @Test
    void listFiltersAndOrders() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID older = create(body("invoice_date", "2024-01-05", "notes", tag));
        UUID newer = create(body("invoice_date", "2024-01-20", "notes", tag, "direction", "purchase"));
        UUID middle = create(body("invoice_date", "2024-01-10", "notes", tag));
        api.put("/invoices/" + middle, admin, body("status", "sent"));
        UUID legacy = create(body("invoice_date", "2024-01-15", "notes", tag));
        api.sqlUpdate("UPDATE invoices SET direction = NULL WHERE id = ?", legacy);

        Res all = api.get("/invoices?from_date=2024-01-01&to_date=2024-01-31", admin);
        assertThat(ids(all)).containsExactly(newer, legacy, middle, older);
        assertThat(ids(api.get("/invoices?from_date=2024-01-08&to_date=2024-01-15", admin)))
                .containsExactly(legacy, middle);
        assertThat(ids(api.get("/invoices?from_date=2024-01-01&to_date=2024-01-31&direction=sales", admin)))
                .containsExactly(legacy, middle, older);
        assertThat(ids(api.get("/invoices?from_date=2024-01-01&to_date=2024-01-31&direction=purchase", admin)))
                .containsExactly(newer);
        assertThat(ids(api.get("/invoices?from_date=2024-01-01&to_date=2024-01-31&status=sent", admin)))
                .containsExactly(middle);
        assertThat(ids(api.get("/invoices?from_date=2024-01-01&to_date=2024-01-31&limit=2&offset=1", admin)))
                .containsExactly(legacy, middle);
        assertThat(api.get("/invoices?status=unpaid", admin).status()).isEqualTo(422);
        assertThat(api.get("/invoices?direction=up", admin).status()).isEqualTo(422);
        assertThat(api.get("/invoices?from_date=yesterday", admin).status()).isEqualTo(422);
    }

    private static List<UUID> ids(Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        r.json().forEach(i -> ids.add(UUID.fromString(i.get("id").asText())));
        return ids;
    }

    @Test
    void getAndNotFound() {
        UUID id = create(Map.of());
        Res r = api.get("/invoices/" + id, admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id.toString());
        for (String path : List.of("/invoices/" + UUID.randomUUID(), "/invoices/123",
                "/invoices/" + UUID.randomUUID() + "/line-items", "/invoices/x/payments")) {
            Res missing = api.get(path, admin);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.detail()).isEqualTo("Invoice not found");
        }
    }

    @Test
    void lineItemSubResourceKeepsTotalsRight() {
        UUID id = create(body("line_items", List.of(item("a", 1, 1000))));
        Res added = api.post("/invoices/" + id + "/line-items", admin, body("description", "App commission",
                "quantity", 1, "unit_price", 100, "gst_percentage", 18, "is_deduction", true));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("invoice_id").asText()).isEqualTo(id.toString());
        assertThat(added.json().get("is_deduction").asBoolean()).isTrue();
        assertThat(added.json().get("amount").decimalValue()).isEqualByComparingTo("118");
        assertThat(column(id, "subtotal")).isEqualByComparingTo("900");
        assertThat(column(id, "gst_amount")).isEqualByComparingTo("162");
        assertThat(column(id, "total_amount")).isEqualByComparingTo("1062");

        UUID itemId = UUID.fromString(added.json().get("id").asText());
        UUID otherInvoice = create(Map.of());
        Res wrongInvoice = api.delete("/invoices/" + otherInvoice + "/line-items/" + itemId, admin);
        assertThat(wrongInvoice.status()).isEqualTo(404);
        assertThat(wrongInvoice.detail()).isEqualTo("Line item not found");
        assertThat(api.delete("/invoices/" + id + "/line-items/bad", admin).detail()).isEqualTo("Line item not found");
        Res deleted = api.delete("/invoices/" + id + "/line-items/" + itemId, admin);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asText()).isEqualTo("Line item deleted successfully");
        assertThat(column(id, "total_amount")).isEqualByComparingTo("1180");
        assertThat(api.delete("/invoices/" + id + "/line-items/" + itemId, admin).status()).isEqualTo(404);

        Res unknownInvoice = api.post("/invoices/" + UUID.randomUUID() + "/line-items", admin, item("x", 1, 1));
        assertThat(unknownInvoice.status()).isEqualTo(404);
        assertThat(unknownInvoice.detail()).isEqualTo("Invoice not found");
        assertThat(api.post("/invoices/" + id + "/line-items", admin, body("quantity", 2)).status()).isEqualTo(422);
    }

    @Test
    void deleteTakesLinesAndPaymentsWithIt() {
        UUID id = create(body("line_items", List.of(item("a", 1, 1000))));
        assertThat(api.post("/invoices/" + id + "/payments", admin, body("amount", 100)).status()).isEqualTo(200);
        Res r = api.delete("/invoices/" + id, admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Invoice deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM invoices WHERE id = ?", id)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM invoice_line_items WHERE invoice_id = ?", id)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM invoice_payments WHERE invoice_id = ?", id)).isEqualTo(0L);
        Res again = api.delete("/invoices/" + id, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Invoice not found");
    }

    @Test
    void onlyAdminsReachInvoices() {
        UUID id = create(body("line_items", List.of(item("a", 1, 1000))));
        UUID itemId = api.sqlUuid("SELECT id FROM invoice_line_items WHERE invoice_id = ?", id);
        String base = "/invoices/" + id;
        for (String token : new String[] {driver, workshop}) {
            List<Res> answers = List.of(api.get("/invoices", token), api.get(base, token),
                    api.post("/invoices", token, body("invoice_number", number(), "customer_name", "X")),
                    api.put(base, token, body("status", "paid")), api.delete(base, token),
                    api.get(base + "/line-items", token), api.post(base + "/line-items", token, item("x", 1, 1)),
                    api.delete(base + "/line-items/" + itemId, token), api.get(base + "/payments", token),
                    api.post(base + "/payments", token, body("amount", 1)),
                    api.delete(base + "/payments/" + UUID.randomUUID(), token));
            assertThat(answers).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.detail()).isEqualTo("Admin access required");
            });
        }
        assertThat(api.get("/invoices", null).status()).isEqualTo(401);
        assertThat(api.sqlValue("SELECT status::text FROM invoices WHERE id = ?", id)).isEqualTo("draft");
        assertThat(api.sqlValue("SELECT count(*) FROM invoice_line_items WHERE invoice_id = ?", id)).isEqualTo(1L);
        assertThat(LocalDate.parse(api.get(base, admin).json().get("invoice_date").asText()))
                .isEqualTo(LocalDate.of(2025, 4, 1));
    }
}
