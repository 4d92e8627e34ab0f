package busmanager.trips;

import busmanager.testing.Concurrently;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The water side effect of PUT /trips/{id} (api.md §6.5): stock moves and the Water expense, exactly once. */
class TripWaterTest {
    // 20:00 UTC is already the next day in Asia/Kolkata, the business zone: expenses are dated 2025-01-16.
    static final MutableClock clock = new MutableClock(Instant.parse("2025-01-15T20:00:00Z"));
    @RegisterExtension
    static final ApiServer api = new ApiServer(clock);
    static final TripFixtures fx = new TripFixtures(api);
    static final String BOTTLES = "Water Bottles (1L)";

    String driver;
    UUID driverId;
    UUID trip;
    String tripNumber;

    @BeforeEach
    void arrange() {
        driver = api.newDriver();
        driverId = api.profileId(driver);
        trip = fx.tripFor(driverId);
        tripNumber = (String) api.sqlValue("SELECT trip_number FROM trips WHERE id = ?", trip);
        stock(100, "3", "pieces");
    }

    @AfterEach
    void restoreSeeds() {
        api.sqlUpdate("UPDATE stock_items SET item_name = ? WHERE item_name = 'Bottles (1L)'", BOTTLES);
        api.sqlUpdate("UPDATE stock_items SET item_name = 'Water Boxes (20L)' WHERE item_name = 'Boxes (20L)'");
        api.sqlUpdate("UPDATE expense_categories SET name = 'Water' WHERE name = 'Drinks'");
    }

    private void stock(int quantity, String unitPrice, String unit) {
        api.sqlUpdate("UPDATE stock_items SET quantity = ?, unit_price = ?::numeric, unit = ? WHERE item_name = ?",
                quantity, unitPrice, unit, BOTTLES);
    }

    private int quantity(String item) {
        return (Integer) api.sqlValue("SELECT quantity FROM stock_items WHERE item_name = ?", item);
    }

    private List<Map<String, Object>> transactions() {
        return api.sqlRows("""
                SELECT x.transaction_type::text AS type, x.quantity_change, x.previous_quantity, x.new_quantity, x.notes,
                  x.created_by, i.item_name FROM stock_transactions x JOIN stock_items i ON i.id = x.stock_item_id
                WHERE x.notes LIKE ? ORDER BY x.created_at, x.new_quantity DESC""", "Trip " + tripNumber + " %");
    }

    private List<Map<String, Object>> expenses() {
        return api.sqlRows("""
                SELECT e.amount, e.description, e.status::text AS status, e.expense_date, e.submitted_by, c.name
                FROM expenses e JOIN expense_categories c ON c.id = e.category_id WHERE e.trip_id = ?
                ORDER BY e.created_at""", trip);
    }

    private Res water(String token, int count) {
        return api.put("/trips/" + trip, token, body("water_taken", count));
    }

    @Test
    void pickupTakesStockAndRecordsAnApprovedWaterExpense() {
        Res r = water(driver, 2);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("water_taken").asInt()).isEqualTo(2);
        assertThat(r.json().get("total_expense").decimalValue()).as("inserted approved, not counted")
                .isEqualByComparingTo("0");
        assertThat(quantity(BOTTLES)).isEqualTo(98);
        assertThat(quantity("Water Boxes (20L)")).isEqualTo(20);
        assertThat(api.sqlValue("SELECT last_updated_by FROM stock_items WHERE item_name = ?", BOTTLES))
                .isEqualTo(driverId);
        assertThat(transactions()).containsExactly(Map.of("type", "remove", "quantity_change", 2,
                "previous_quantity", 100, "new_quantity", 98, "notes", "Trip " + tripNumber + " - Driver pickup",
                "created_by", driverId, "item_name", BOTTLES));
        assertThat(expenses()).containsExactly(Map.of("amount", new BigDecimal("6"),
                "description", "Water: 2 pieces @ \u20B93/pieces", "status", "approved",
                "expense_date", Date.valueOf("2025-01-16"), "submitted_by", driverId, "name", "Water"));
        assertThat(api.sqlValue("SELECT total_expense FROM trips WHERE id = ?", trip)).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void additionalPickupReturnAndUnchangedCount() {
        stock(50, "2.50", "bottles");
        assertThat(water(driver, 2).status()).isEqualTo(200);
        Res more = water(driver, 5);
        assertThat(more.status()).isEqualTo(200);
        Res back = water(driver, 1);
        assertThat(back.status()).isEqualTo(200);
        assertThat(water(driver, 1).status()).isEqualTo(200);
        assertThat(api.put("/trips/" + trip, driver, body("odometer_start", 10)).status()).isEqualTo(200);

        assertThat(quantity(BOTTLES)).isEqualTo(49);
        List<Map<String, Object>> moves = transactions();
        assertThat(moves).extracting(m -> m.get("type") + " " + m.get("quantity_change") + " "
                        + m.get("previous_quantity") + "->" + m.get("new_quantity") + " " + m.get("notes"))
                .containsExactly(
                        "remove 2 50->48 Trip " + tripNumber + " - Driver pickup",
                        "remove 3 48->45 Trip " + tripNumber + " - Driver pickup (additional)",
                        "add 4 45->49 Trip " + tripNumber + " - Driver returned water");
        assertThat(expenses()).extracting(e -> e.get("description") + " = " + e.get("amount"))
                .containsExactly("Water: 2 bottles @ \u20B92.5/bottles = 5.00",
                        "Water: 3 bottles @ \u20B92.5/bottles = 7.50");
        assertThat(api.sqlValue("SELECT water_taken FROM trips WHERE id = ?", trip)).isEqualTo(1);
    }

    @Test
    void notEnoughWaterChangesNothing() {
        stock(3, "3", "pieces");
        Res r = api.put("/trips/" + trip, driver, body("water_taken", 5, "odometer_start", 900,
                "status", "in_progress"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo("Not enough water in stock. Available: 3 pieces");
        assertThat(quantity(BOTTLES)).isEqualTo(3);
        assertThat(transactions()).isEmpty();
        assertThat(expenses()).isEmpty();
        Map<String, Object> row = api.sqlRows(
                "SELECT water_taken, odometer_start, status::text AS status FROM trips WHERE id = ?", trip).get(0);
        assertThat(row.get("water_taken")).isEqualTo(0);
        assertThat(row.get("odometer_start")).isNull();
        assertThat(row.get("status")).isEqualTo("scheduled");

        assertThat(water(driver, 3).status()).as("exactly what is left").isEqualTo(200);
        assertThat(quantity(BOTTLES)).isZero();
    }

    @Test
    void freeWaterMovesStockWithoutExpense() {
        stock(10, "0", "pieces");
        assertThat(water(driver, 4).status()).isEqualTo(200);
        assertThat(quantity(BOTTLES)).isEqualTo(6);
        assertThat(transactions()).hasSize(1);
        assertThat(expenses()).isEmpty();
    }

    @Test
    void withoutWaterItemOnlyTheCountIsStored() {
        api.sqlUpdate("UPDATE stock_items SET item_name = 'Bottles (1L)' WHERE item_name = ?", BOTTLES);
        api.sqlUpdate("UPDATE stock_items SET item_name = 'Boxes (20L)' WHERE item_name = 'Water Boxes (20L)'");
        Res r = water(driver, 7);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("water_taken").asInt()).isEqualTo(7);
        assertThat(transactions()).isEmpty();
        assertThat(expenses()).isEmpty();
        assertThat(quantity("Bottles (1L)")).isEqualTo(100);
    }

    @Test
    void withoutWaterCategoryNoExpense() {
        api.sqlUpdate("UPDATE expense_categories SET name = 'Drinks' WHERE name = 'Water'");
        assertThat(water(driver, 2).status()).isEqualTo(200);
        assertThat(quantity(BOTTLES)).isEqualTo(98);
        assertThat(expenses()).isEmpty();
    }

    @Test
    void waterItemIsTheFirstByNameContainingWaterInAnyCase() {
        UUID cans = api.sqlUuid("""
                INSERT INTO stock_items (item_name, quantity, unit, unit_price) VALUES ('Drinking WATER cans', 30, 'cans', 12.750)
                RETURNING id""");
        try {
            assertThat(water(driver, 2).status()).isEqualTo(200);
            assertThat(quantity("Drinking WATER cans")).isEqualTo(28);
            assertThat(quantity(BOTTLES)).isEqualTo(100);
            assertThat(expenses()).extracting(e -> e.get("description"))
                    .containsExactly("Water: 2 cans @ \u20B912.75/cans");
        } finally {
            api.sqlUpdate("DELETE FROM stock_items WHERE id = ?", cans);
        }
    }

    @Test
    void adminChangeMovesStockAsTheAdmin() {
        String admin = api.newAdmin();
        UUID adminId = api.profileId(admin);
        Res r = api.put("/trips/" + trip, admin, body("water_taken", 3, "trip_number", "TRP-RENAMED"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(quantity(BOTTLES)).isEqualTo(97);
        List<Map<String, Object>> moves = api.sqlRows(
                "SELECT notes, created_by FROM stock_transactions WHERE notes LIKE 'Trip TRP-RENAMED %'");
        assertThat(moves).containsExactly(Map.of("notes", "Trip TRP-RENAMED - Driver pickup", "created_by", adminId));
        assertThat(expenses()).extracting(e -> e.get("submitted_by")).containsExactly(adminId);
        assertThat(water(admin, 0).status()).isEqualTo(200);
        assertThat(quantity(BOTTLES)).isEqualTo(100);
    }

    @Test
    void nullCountMeansNoneTaken() {
        assertThat(water(driver, 2).status()).isEqualTo(200);
        Res cleared = api.put("/trips/" + trip, driver, body("water_taken", null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("water_taken").isNull()).isTrue();
        assertThat(quantity(BOTTLES)).isEqualTo(100);
    }

    @Test
    void priceIsPrintedAsJavaScriptPrintsNumbers() {
        assertThat(WaterStock.description(2, "pieces", new BigDecimal("3.00")))
                .isEqualTo("Water: 2 pieces @ \u20B93/pieces");
        assertThat(WaterStock.description(1, "boxes", new BigDecimal("12.750"))).endsWith("\u20B912.75/boxes");
        assertThat(WaterStock.description(1, "boxes", new BigDecimal("100"))).endsWith("\u20B9100/boxes");
        assertThat(WaterStock.description(1, "boxes", new BigDecimal("1E+2"))).endsWith("\u20B9100/boxes");
        assertThat(WaterStock.description(1, "boxes", new BigDecimal("0.5"))).endsWith("\u20B90.5/boxes");
    }

    @Test
    void simultaneousIdenticalRequestsMoveStockOnce() throws Exception {
        List<Res> answers = Concurrently.send(8, i -> water(driver, 4));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(quantity(BOTTLES)).isEqualTo(96);
        assertThat(transactions()).hasSize(1);
        assertThat(expenses()).hasSize(1);
    }

    @Test
    void simultaneousDifferentCountsKeepStockInStepWithTheTrip() throws Exception {
        String admin = api.newAdmin();
        int[] counts = {3, 9, 1, 6, 0, 12, 4, 7, 2, 5};
        List<Res> answers = Concurrently.send(counts.length, i -> water(i % 2 == 0 ? driver : admin, counts[i]));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        int taken = (Integer) api.sqlValue("SELECT water_taken FROM trips WHERE id = ?", trip);
        assertThat(quantity(BOTTLES)).isEqualTo(100 - taken);
        int net = 0;
        for (Map<String, Object> m : transactions()) {
            net += (m.get("type").equals("remove") ? 1 : -1) * (Integer) m.get("quantity_change");
        }
        assertThat(net).isEqualTo(taken);
        // Each pickup is paid once: the Water expenses add up to every unit ever taken out.
        BigDecimal billed = (BigDecimal) api.sqlValue(
                "SELECT COALESCE(sum(amount), 0) FROM expenses WHERE trip_id = ?", trip);
        int removed = transactions().stream().filter(m -> m.get("type").equals("remove"))
                .mapToInt(m -> (Integer) m.get("quantity_change")).sum();
        assertThat(billed).isEqualByComparingTo(BigDecimal.valueOf(3L * removed));
    }
}
