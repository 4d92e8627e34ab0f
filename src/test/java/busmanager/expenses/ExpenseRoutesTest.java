package busmanager.expenses;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import busmanager.trips.TripFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** api.md §7.1, 7.2, 7.4–7.7: expenses by role, filters, submission, approval, deletion. */
class ExpenseRoutesTest {
    // 20:00 UTC is already 2025-01-16 in Asia/Kolkata, the business zone.
    static final MutableClock clock = new MutableClock(Instant.parse("2025-01-15T20:00:00Z"));
    @RegisterExtension
    static final ApiServer api = new ApiServer(clock);
    static final TripFixtures fx = new TripFixtures(api);

    static final List<String> EXPENSE_KEYS = List.of("id", "trip_id", "category_id", "submitted_by", "amount",
            "expense_date", "description", "document_url", "fuel_quantity", "status", "admin_remarks", "approved_by",
            "approved_at", "category", "trip", "submitter", "created_at", "updated_at");

    @BeforeEach
    void resetClock() {
        clock.set(Instant.parse("2025-01-15T20:00:00Z"));
    }

    private static Map<String, Object> expense(UUID trip, UUID category, Object amount) {
        return body("trip_id", trip.toString(), "category_id", category.toString(), "amount", amount);
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            copy.put((String) kv[i], kv[i + 1]);
        }
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.remove(key);
        return copy;
    }

    private static UUID id(Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    private static List<String> ids(Res list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    private static void assertField(Res r, int status, String field) {
        assertThat(r.status()).as(field + ": " + r).isEqualTo(status);
        assertThat(r.json().get("detail").get(0).get("loc").get(1).asText()).as(r.toString()).isEqualTo(field);
    }

    @Test
    void driverSubmitsForOwnTripAndItIsAlwaysPending() {
        String driver = api.newDriver();
        UUID driverId = api.profileId(driver);
        UUID trip = fx.tripFor(driverId);
        UUID diesel = fx.category("Diesel");
        Res r = api.post("/expenses", driver, with(expense(trip, diesel, 4500.5), "description", "Full tank",
                "fuel_quantity", 48.2, "document_url", "/uploads/expenses/bill.jpg", "status", "approved",
                "submitted_by", UUID.randomUUID().toString(), "approved_by", driverId.toString()));
        UUID id = id(r);
        JsonNode e = r.json();
        List<String> keys = new ArrayList<>();
        e.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(EXPENSE_KEYS);
        assertThat(e.get("status").asText()).isEqualTo("pending");
        assertThat(e.get("submitted_by").asText()).isEqualTo(driverId.toString());
        assertThat(e.get("amount").decimalValue()).isEqualByComparingTo("4500.5");
        assertThat(e.get("amount").isNumber()).isTrue();
        assertThat(e.get("fuel_quantity").decimalValue()).isEqualByComparingTo("48.2");
        assertThat(e.get("expense_date").asText()).isEqualTo("2025-01-16");
        assertThat(e.get("document_url").asText()).isEqualTo("/uploads/expenses/bill.jpg");
        assertThat(e.get("approved_by").isNull()).isTrue();
        assertThat(e.get("approved_at").isNull()).isTrue();
        assertThat(e.get("admin_remarks").isNull()).isTrue();
        assertThat(e.get("category").get("name").asText()).isEqualTo("Diesel");
        assertThat(e.get("category").get("icon").asText()).isEqualTo("Fuel");
        assertThat(e.get("trip").get("id").asText()).isEqualTo(trip.toString());
        assertThat(e.get("trip").has("trip_number")).isTrue();
        assertThat(e.get("submitter").get("full_name").asText()).isEqualTo("Test driver");

        Map<String, Object> row = api.sqlRows("""
                SELECT status::text AS status, submitted_by, amount, expense_date, approved_by FROM expenses WHERE id = ?""",
                id).get(0);
        assertThat(row).containsEntry("status", "pending").containsEntry("submitted_by", driverId)
                .containsEntry("amount", new BigDecimal("4500.5")).containsEntry("expense_date", Date.valueOf("2025-01-16"));
        assertThat(row.get("approved_by")).isNull();
        assertThat(api.sqlValue("SELECT total_expense FROM trips WHERE id = ?", trip)).isEqualTo(BigDecimal.ZERO);

        Res dated = api.post("/expenses", driver, with(expense(trip, diesel, 0), "expense_date", "2025-01-10",
                "document_url", "https://files.example.com/b.pdf"));
        assertThat(dated.json().get("expense_date").asText()).isEqualTo("2025-01-10");
        assertThat(dated.json().get("amount").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void submissionRefusesBadInputAndOtherPeoplesTrips() {
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        UUID toll = fx.category("Toll");
        Map<String, Object> ok = expense(trip, toll, 120);
        String unknown = UUID.randomUUID().toString();

        assertField(api.post("/expenses", driver, without(ok, "trip_id")), 422, "trip_id");
        assertField(api.post("/expenses", driver, with(ok, "trip_id", "")), 422, "trip_id");
        assertField(api.post("/expenses", driver, with(ok, "trip_id", "trip-1")), 422, "trip_id");
        assertField(api.post("/expenses", driver, without(ok, "category_id")), 422, "category_id");
        assertField(api.post("/expenses", driver, without(ok, "amount")), 422, "amount");
        assertField(api.post("/expenses", driver, with(ok, "amount", null)), 422, "amount");
        assertField(api.post("/expenses", driver, with(ok, "amount", -1)), 422, "amount");
        assertField(api.post("/expenses", driver, with(ok, "amount", "ten")), 422, "amount");
        assertField(api.post("/expenses", driver, with(ok, "expense_date", "16/01/2025")), 422, "expense_date");
        assertField(api.post("/expenses", driver, with(ok, "fuel_quantity", -3)), 422, "fuel_quantity");
        assertField(api.post("/expenses", driver, with(ok, "description", "d".repeat(2001))), 422, "description");
        assertField(api.post("/expenses", driver, with(ok, "document_url", "javascript:alert(1)")), 422,
                "document_url");
        assertField(api.post("/expenses", driver, with(ok, "document_url", "/etc/passwd")), 422, "document_url");
        assertField(api.post("/expenses", driver, with(ok, "trip_id", unknown)), 422, "trip_id");
        assertField(api.post("/expenses", driver, with(ok, "category_id", unknown)), 422, "category_id");

        UUID theirs = fx.tripFor(api.profileId(api.newDriver()));
        Res foreign = api.post("/expenses", driver, with(ok, "trip_id", theirs.toString()));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.detail()).isEqualTo("Access denied");
        Res workshop = api.post("/expenses", api.newRepairOrgUser(), ok);
        assertThat(workshop.status()).isEqualTo(403);
        assertThat(api.post("/expenses", null, ok).status()).isEqualTo(401);
        assertThat(api.sqlValue("SELECT count(*) FROM expenses WHERE trip_id IN (?, ?)", trip, theirs)).isEqualTo(0L);

        // An admin may record an expense on any trip; it is still pending.
        String admin = api.newAdmin();
        Res byAdmin = api.post("/expenses", admin, with(ok, "trip_id", theirs.toString(), "status", "approved"));
        assertThat(byAdmin.json().get("status").asText()).isEqualTo("pending");
        assertThat(byAdmin.json().get("submitted_by").asText()).isEqualTo(api.profileId(admin).toString());
    }

    @Test
    void listsAreScopedAndFiltered() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID driverId = api.profileId(driver);
        String other = api.newDriver();
        UUID route = fx.route("Expense route");
        UUID bus = fx.bus("KA03EX0001", "Expense bus");
        UUID tripA = fx.trip(TripFixtures.unique("E"), route, bus, driverId, "in_progress", "2025-01-15T08:00:00Z");
        UUID tripB = fx.tripFor(driverId);
        UUID tripOther = fx.tripFor(api.profileId(other));
        UUID diesel = fx.category("Diesel");
        UUID food = fx.category("Food");

        UUID e1 = id(api.post("/expenses", driver, with(expense(tripA, diesel, 100), "expense_date", "2030-05-01")));
        UUID e2 = id(api.post("/expenses", driver, with(expense(tripA, food, 200), "expense_date", "2030-05-02")));
        UUID e3 = id(api.post("/expenses", driver, with(expense(tripB, food, 300), "expense_date", "2030-05-03")));
        UUID e4 = id(api.post("/expenses", other, with(expense(tripOther, food, 400), "expense_date", "2030-05-04")));
        // Stable newest-first order: created_at is what the list sorts on.
        for (UUID e : List.of(e1, e2, e3, e4)) {
            api.sqlUpdate("UPDATE expenses SET created_at = ?::timestamptz WHERE id = ?",
                    "2030-05-0" + (List.of(e1, e2, e3, e4).indexOf(e) + 1) + "T10:00:00Z", e);
        }
        assertThat(api.put("/expenses/" + e2, admin, body("status", "approved")).status()).isEqualTo(200);

        String may = "from_date=2030-05-01&to_date=2030-05-31";
        assertThat(ids(api.get("/expenses?" + may, admin)))
                .containsExactly(e4.toString(), e3.toString(), e2.toString(), e1.toString());
        assertThat(ids(api.get("/expenses?" + may, driver))).containsExactly(e3.toString(), e2.toString(), e1.toString());
        assertThat(ids(api.get("/expenses?" + may + "&submitted_by=" + api.profileId(other), driver))).isEmpty();
        assertThat(ids(api.get("/expenses?" + may, api.newRepairOrgUser()))).isEmpty();
        assertThat(ids(api.get("/expenses?status=approved&" + may, admin))).containsExactly(e2.toString());
        assertThat(ids(api.get("/expenses?status=pending&" + may, driver))).containsExactly(e3.toString(), e1.toString());
        assertThat(ids(api.get("/expenses?trip_id=" + tripA, admin))).containsExactly(e2.toString(), e1.toString());
        assertThat(ids(api.get("/expenses?route_id=" + route, admin))).containsExactly(e2.toString(), e1.toString());
        assertThat(ids(api.get("/expenses?submitted_by=" + driverId + "&status=pending", admin)))
                .containsExactly(e3.toString(), e1.toString());
        assertThat(ids(api.get("/expenses?from_date=2030-05-02&to_date=2030-05-03", admin)))
                .containsExactly(e3.toString(), e2.toString());
        assertThat(ids(api.get("/expenses?" + may + "&limit=2", admin))).containsExactly(e4.toString(), e3.toString());
        assertThat(ids(api.get("/expenses?" + may + "&limit=10000&offset=3", admin))).containsExactly(e1.toString());

        assertThat(ids(api.get("/expenses/my", driver))).containsExactly(e3.toString(), e2.toString(), e1.toString());
        assertThat(ids(api.get("/expenses/my?status=pending&limit=1", driver))).containsExactly(e3.toString());
        assertThat(ids(api.get("/expenses/my", admin))).isEmpty();
        assertThat(ids(api.get("/expenses/my", other))).containsExactly(e4.toString());

        for (String bad : List.of("status=paid", "trip_id=1", "route_id=r", "submitted_by=me", "from_date=may",
                "to_date=2030-02-30", "limit=-5", "offset=x")) {
            Res r = api.get("/expenses?" + bad, admin);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().get("detail").get(0).get("loc").get(1).asText())
                    .isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(api.get("/expenses", null).status()).isEqualTo(401);
    }

    @Test
    void getOneIsScopedToOwnerAndAdmins() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        UUID id = id(api.post("/expenses", driver, expense(trip, fx.category("Parking"), 50)));
        assertThat(api.get("/expenses/" + id, driver).json().get("id").asText()).isEqualTo(id.toString());
        assertThat(api.get("/expenses/" + id, admin).status()).isEqualTo(200);
        Res other = api.get("/expenses/" + id, api.newDriver());
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.detail()).isEqualTo("Access denied");
        assertThat(other.body()).doesNotContain(id.toString());
        assertThat(api.get("/expenses/" + id, api.newRepairOrgUser()).status()).isEqualTo(403);
        Res missing = api.get("/expenses/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Expense not found");
        assertThat(api.get("/expenses/xyz", admin).detail()).isEqualTo("Expense not found");
    }

    @Test
    void driverEditsOwnPendingExpenseOnly() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        UUID id = id(api.post("/expenses", driver, expense(trip, fx.category("Food"), 80)));
        Res r = api.put("/expenses/" + id, driver, body("amount", 95.5, "expense_date", "2025-01-14",
                "description", "Lunch", "document_url", "https://x.example/a.png", "fuel_quantity", null,
                "status", "approved", "admin_remarks", "self-approved", "trip_id", UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.get("amount").decimalValue()).isEqualByComparingTo("95.5");
        assertThat(e.get("expense_date").asText()).isEqualTo("2025-01-14");
        assertThat(e.get("description").asText()).isEqualTo("Lunch");
        assertThat(e.get("status").asText()).isEqualTo("pending");
        assertThat(e.get("admin_remarks").isNull()).isTrue();
        assertThat(e.get("trip_id").asText()).isEqualTo(trip.toString());

        assertField(api.put("/expenses/" + id, driver, body("amount", -1)), 422, "amount");
        assertField(api.put("/expenses/" + id, driver, body("amount", null)), 422, "amount");
        assertField(api.put("/expenses/" + id, driver, body("expense_date", null)), 422, "expense_date");
        assertField(api.put("/expenses/" + id, driver, body("document_url", "data:text/html,x")), 422, "document_url");

        Res foreign = api.put("/expenses/" + id, api.newDriver(), body("amount", 1));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.detail()).isEqualTo("Access denied");
        Res workshop = api.put("/expenses/" + id, api.newRepairOrgUser(), body("amount", 1));
        assertThat(workshop.status()).isEqualTo(403);
        assertThat(workshop.detail()).isEqualTo("Access denied");

        assertThat(api.put("/expenses/" + id, admin, body("status", "denied", "admin_remarks", "no bill")).status())
                .isEqualTo(200);
        Res late = api.put("/expenses/" + id, driver, body("amount", 10));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.detail()).isEqualTo("Cannot update approved/denied expense");
        assertThat(api.sqlValue("SELECT amount FROM expenses WHERE id = ?", id)).isEqualTo(new BigDecimal("95.5"));
        assertThat(api.put("/expenses/" + UUID.randomUUID(), driver, body("amount", 1)).detail())
                .isEqualTo("Expense not found");
        assertThat(api.put("/expenses/bad", admin, body("amount", 1)).status()).isEqualTo(404);
    }

    @Test
    void adminApprovalAndDenialAreStamped() {
        String admin = api.newAdmin();
        UUID adminId = api.profileId(admin);
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        UUID approved = id(api.post("/expenses", driver, expense(trip, fx.category("Toll"), 150)));
        UUID denied = id(api.post("/expenses", driver, expense(trip, fx.category("Toll"), 60)));

        clock.set(Instant.parse("2025-01-16T09:15:00Z"));
        Res ok = api.put("/expenses/" + approved, admin, body("status", "approved", "admin_remarks", "ok"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("approved");
        assertThat(ok.json().get("approved_by").asText()).isEqualTo(adminId.toString());
        assertThat(ok.json().get("approved_at").asText()).startsWith("2025-01-16T09:15:00");
        assertThat(ok.json().get("admin_remarks").asText()).isEqualTo("ok");

        Res no = api.put("/expenses/" + denied, admin, body("status", "denied", "admin_remarks", "No receipt"));
        assertThat(no.json().get("status").asText()).isEqualTo("denied");
        assertThat(no.json().get("approved_by").asText()).isEqualTo(adminId.toString());
        Map<String, Object> row = api.sqlRows(
                "SELECT status::text AS status, approved_by, approved_at, admin_remarks FROM expenses WHERE id = ?",
                denied).get(0);
        assertThat(row).containsEntry("status", "denied").containsEntry("approved_by", adminId)
                .containsEntry("admin_remarks", "No receipt");
        assertThat(((Timestamp) row.get("approved_at")).toInstant()).isEqualTo(Instant.parse("2025-01-16T09:15:00Z"));

        // Approving again (a double click) keeps the first approver and time.
        String otherAdmin = api.newAdmin();
        clock.set(Instant.parse("2025-01-16T11:15:00Z"));
        Res again = api.put("/expenses/" + approved, otherAdmin, body("status", "approved"));
        assertThat(again.json().get("approved_by").asText()).isEqualTo(adminId.toString());
        assertThat(again.json().get("approved_at").asText()).startsWith("2025-01-16T09:15:00");

        Res reopened = api.put("/expenses/" + denied, admin, body("status", "pending"));
        assertThat(reopened.json().get("approved_by").isNull()).isTrue();
        assertThat(reopened.json().get("approved_at").isNull()).isTrue();

        assertField(api.put("/expenses/" + approved, admin, body("status", "rejected")), 422, "status");
        assertField(api.put("/expenses/" + approved, admin, body("status", null)), 422, "status");
        Res edit = api.put("/expenses/" + approved, admin, body("amount", 175, "description", "corrected"));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(edit.json().get("amount").decimalValue()).isEqualByComparingTo("175");
    }

    @Test
    void deletionRules() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID trip = fx.tripFor(api.profileId(driver));
        UUID pending = id(api.post("/expenses", driver, expense(trip, fx.category("Food"), 10)));
        UUID approved = id(api.post("/expenses", driver, expense(trip, fx.category("Food"), 20)));
        api.put("/expenses/" + approved, admin, body("status", "approved"));

        Res foreign = api.delete("/expenses/" + pending, api.newDriver());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.detail()).isEqualTo("Access denied");
        assertThat(api.delete("/expenses/" + pending, api.newRepairOrgUser()).status()).isEqualTo(403);
        Res locked = api.delete("/expenses/" + approved, driver);
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.detail()).isEqualTo("Cannot delete approved/denied expense");

        Res own = api.delete("/expenses/" + pending, driver);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("message").asText()).isEqualTo("Expense deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM expenses WHERE id = ?", pending)).isEqualTo(0L);
        assertThat(api.delete("/expenses/" + approved, admin).status()).isEqualTo(200);
        assertThat(api.sqlValue("SELECT count(*) FROM expenses WHERE id = ?", approved)).isEqualTo(0L);
        Res gone = api.delete("/expenses/" + approved, admin);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.detail()).isEqualTo("Expense not found");
        assertThat(api.delete("/expenses/not-an-id", driver).detail()).isEqualTo("Expense not found");
        assertThat(api.delete("/expenses/" + pending, null).status()).isEqualTo(401);
    }
}
