package busmanager.expenses;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.Concurrently;
import busmanager.trips.TripFixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * trips.total_expense (domain.md §4.3, extended by migration V4): it follows every approval, un-approval,
 * amount change of an approved expense and deletion of an approved expense, exactly once.
 */
class ExpenseTotalsTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static final TripFixtures fx = new TripFixtures(api);

    String admin;
    String driver;
    UUID trip;
    UUID category;

    @BeforeEach
    void arrange() {
        admin = api.newAdmin();
        driver = api.newDriver();
        trip = fx.tripFor(api.profileId(driver));
        category = fx.category("Diesel");
    }

    private UUID submit(Object amount) {
        Res r = api.post("/expenses", driver, body("trip_id", trip.toString(), "category_id", category.toString(),
                "amount", amount));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    private Res decide(UUID expense, Object... fields) {
        Res r = api.put("/expenses/" + expense, admin, body(fields));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    private BigDecimal total() {
        return (BigDecimal) api.sqlValue("SELECT total_expense FROM trips WHERE id = ?", trip);
    }

    private BigDecimal approvedSum() {
        return (BigDecimal) api.sqlValue(
                "SELECT COALESCE(sum(amount), 0) FROM expenses WHERE trip_id = ? AND status = 'approved'", trip);
    }

    @Test
    void totalFollowsApprovalsAmountsAndDeletions() {
        UUID a = submit(1000);
        UUID b = submit(250.5);
        assertThat(total()).isEqualByComparingTo("0");

        decide(a, "status", "approved");
        assertThat(total()).isEqualByComparingTo("1000");
        decide(b, "status", "approved", "admin_remarks", "fine");
        assertThat(total()).isEqualByComparingTo("1250.5");
        assertThat(api.get("/trips/" + trip, admin).json().get("total_expense").decimalValue())
                .isEqualByComparingTo("1250.5");

        decide(a, "status", "approved");
        assertThat(total()).as("approving again adds nothing").isEqualByComparingTo("1250.5");
        decide(a, "amount", 1200);
        assertThat(total()).as("amount change while approved").isEqualByComparingTo("1450.5");
        decide(a, "amount", 900, "status", "denied");
        assertThat(total()).as("denied with a new amount takes the old amount off").isEqualByComparingTo("250.5");
        decide(a, "amount", 950);
        assertThat(total()).as("amount change while denied").isEqualByComparingTo("250.5");
        decide(a, "status", "approved", "amount", 1000);
        assertThat(total()).isEqualByComparingTo("1250.5");
        decide(a, "status", "pending");
        assertThat(total()).isEqualByComparingTo("250.5");
        decide(a, "status", "approved");
        assertThat(total()).isEqualByComparingTo("1250.5");

        assertThat(api.delete("/expenses/" + b, admin).status()).isEqualTo(200);
        assertThat(total()).as("deleting an approved expense").isEqualByComparingTo("1000");
        UUID c = submit(75);
        assertThat(api.delete("/expenses/" + c, driver).status()).isEqualTo(200);
        assertThat(total()).as("deleting a pending expense").isEqualByComparingTo("1000");
        assertThat(total()).isEqualByComparingTo(approvedSum());
    }

    @Test
    void refusedChangesLeaveTheTotalAlone() {
        UUID a = submit(300);
        decide(a, "status", "approved");
        assertThat(api.put("/expenses/" + a, driver, body("amount", 1)).status()).isEqualTo(400);
        assertThat(api.delete("/expenses/" + a, driver).status()).isEqualTo(400);
        assertThat(api.put("/expenses/" + a, admin, body("amount", -5)).status()).isEqualTo(422);
        assertThat(total()).isEqualByComparingTo("300");
    }

    @Test
    void tripWithApprovedExpensesCanBeDeleted() {
        decide(submit(40), "status", "approved");
        assertThat(api.delete("/trips/" + trip, admin).status()).isEqualTo(200);
        assertThat(api.sqlValue("SELECT count(*) FROM expenses WHERE trip_id = ?", trip)).isEqualTo(0L);
    }

    @Test
    void simultaneousApprovalsCountOnce() throws Exception {
        List<String> admins = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            admins.add(api.newAdmin());
        }
        for (int round = 0; round < 5; round++) {
            UUID expense = submit(100 + round);
            BigDecimal before = total();
            List<Res> answers = Concurrently.send(admins.size(), i -> api.put("/expenses/" + expense,
                    admins.get(i), body("status", "approved", "admin_remarks", "approver " + i)));
            assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(total()).isEqualByComparingTo(before.add(BigDecimal.valueOf(100 + round)));
            // The later requests found the expense approved already: the first approver stays on record.
            UUID approver = api.sqlUuid("SELECT approved_by FROM expenses WHERE id = ?", expense);
            assertThat(answers).extracting(r -> r.json().get("approved_by").asText())
                    .containsOnly(approver.toString());
        }
        assertThat(total()).isEqualByComparingTo(approvedSum());
    }

    @Test
    void racingDecisionsKeepTheTotalEqualToTheApprovedSum() throws Exception {
        List<UUID> expenses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expenses.add(submit(10 * (i + 1)));
        }
        String[] statuses = {"approved", "denied", "pending", "approved"};
        List<Res> answers = Concurrently.send(24, i -> {
            UUID expense = expenses.get(i % expenses.size());
            Map<String, Object> change = i % 3 == 0
                    ? body("amount", 5 + i)
                    : body("status", statuses[i % statuses.length]);
            return api.put("/expenses/" + expense, admin, change);
        });
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(total()).isEqualByComparingTo(approvedSum());
        List<Res> deletions = Concurrently.send(expenses.size() * 2,
                i -> api.delete("/expenses/" + expenses.get(i % expenses.size()), admin));
        assertThat(deletions).extracting(Res::status).containsOnly(200, 404);
        assertThat(deletions).filteredOn(r -> r.status() == 200).hasSize(expenses.size());
        assertThat(total()).isEqualByComparingTo("0");
    }

    @Test
    void anExpenseInsertedApprovedIsNeverSubtracted() {
        // As the automatic Water expense of a water pickup: inserted approved, not counted (api.md §6.5).
        UUID water = api.sqlUuid("INSERT INTO expenses (trip_id, category_id, submitted_by, amount, status) "
                + "VALUES (?, ?, ?, 30, 'approved') RETURNING id", trip, category, api.profileId(driver));
        UUID counted = submit(100);
        decide(counted, "status", "approved");
        assertThat(total()).isEqualByComparingTo("100");

        decide(water, "amount", 45);
        assertThat(total()).isEqualByComparingTo("100");
        decide(water, "status", "denied");
        assertThat(total()).isEqualByComparingTo("100");
        decide(water, "status", "approved");
        assertThat(total()).isEqualByComparingTo("145");
        assertThat(api.delete("/expenses/" + water, admin).status()).isEqualTo(200);
        assertThat(total()).isEqualByComparingTo("100");

        UUID another = api.sqlUuid("INSERT INTO expenses (trip_id, category_id, submitted_by, amount, status) "
                + "VALUES (?, ?, ?, 12, 'approved') RETURNING id", trip, category, api.profileId(driver));
        assertThat(api.delete("/expenses/" + another, admin).status()).isEqualTo(200);
        assertThat(total()).isEqualByComparingTo("100");
    }
}
