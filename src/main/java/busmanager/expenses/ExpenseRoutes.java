package busmanager.expenses;

import busmanager.Deps;
import busmanager.auth.Principal;
import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Patch;
import busmanager.db.Refs;
import busmanager.db.Sql;
import busmanager.db.Where;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Query;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Trip expenses (api.md §7): drivers submit them for their own trips and may change or withdraw them while
 * pending; admins approve or deny. trips.total_expense follows approvals through the database trigger
 * (migration V4), never through code here.
 */
public final class ExpenseRoutes {
    private static final int MAX_TEXT = 2000;

    private final Deps deps;
    private final Database db;

    public ExpenseRoutes(Deps deps) {
        this.deps = deps;
        this.db = deps.db();
    }

    /** GET /expenses: admin sees all, a driver their own, a repair organization none. */
    public Reply list(Request req) {
        Query q = req.query();
        Where where = filters(q);
        Integer limit = q.limit();
        int offset = q.offset();
        Principal who = req.user();
        if (who.isAdmin()) {
            return page(where, limit, offset);
        }
        if (who.isDriver()) {
            return page(where.always("e.submitted_by = ?", who.profileId()), limit, offset);
        }
        return Reply.json("[]");
    }

    /** GET /expenses/my: the caller's own expenses. */
    public Reply listMine(Request req) {
        Query q = req.query();
        Where where = filters(q).always("e.submitted_by = ?", req.user().profileId());
        return page(where, q.limit(), q.offset());
    }

    private static Where filters(Query q) {
        return new Where()
                .and("e.status = ?::expense_status", q.enumValue("status", ExpenseSql.STATUSES))
                .and("e.trip_id = ?", q.uuid("trip_id"))
                .and("t.route_id = ?", q.uuid("route_id"))
                .and("e.submitted_by = ?", q.uuid("submitted_by"))
                .and("e.expense_date >= ?", q.date("from_date"))
                .and("e.expense_date <= ?", q.date("to_date"));
    }

    private Reply page(Where where, Integer limit, int offset) {
        return db.list(ExpenseSql.SELECT + where.sql() + ExpenseSql.ORDER + Where.page(limit, offset),
                where.params());
    }

    /** GET /expenses/{expense_id}. */
    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("expense_id", "Expense not found");
        Map<String, Object> row = db.read(c -> Sql.row(c,
                "SELECT e.submitted_by AS submitted_by, " + ExpenseSql.JSON + " AS expense" + ExpenseSql.FROM
                        + " WHERE e.id = ?", id));
        if (row == null) {
            throw ApiException.notFound("Expense not found");
        }
        requireOwnerOrAdmin(req.user(), (UUID) row.get("submitted_by"));
        return Reply.json((String) row.get("expense"));
    }

    private static void requireOwnerOrAdmin(Principal who, UUID submittedBy) {
        if (!who.isAdmin() && !who.profileId().equals(submittedBy)) {
            throw ApiException.forbidden("Access denied");
        }
    }

    /** POST /expenses: always pending; anyone but an admin only for a trip they drive. */
    public Reply create(Request req) throws Exception {
        JsonBody b = req.body();
        UUID tripId = b.requiredUuid("trip_id");
        UUID categoryId = b.requiredUuid("category_id");
        BigDecimal amount = requiredAmount(b);
        LocalDate expenseDate = b.date("expense_date");
        String description = b.text("description", MAX_TEXT);
        String documentUrl = b.safeUrl("document_url");
        BigDecimal fuelQuantity = b.nonNegativeDecimal("fuel_quantity");
        Principal who = req.user();
        String json = db.tx(c -> {
            Refs.mustExist(c, "trips", tripId, "trip_id", "Trip");
            Refs.mustExist(c, "expense_categories", categoryId, "category_id", "Category");
            if (!who.isAdmin() && !Sql.exists(c, "SELECT 1 FROM trips WHERE id = ? AND driver_id = ?", tripId,
                    who.profileId())) {
                throw ApiException.forbidden("Access denied");
            }
            UUID id = Insert.into("expenses")
                    .value("trip_id", tripId)
                    .value("category_id", categoryId)
                    .value("submitted_by", who.profileId())
                    .value("amount", amount)
                    .value("expense_date", expenseDate != null ? expenseDate : deps.today())
                    .value("description", description)
                    .value("document_url", documentUrl)
                    .value("fuel_quantity", fuelQuantity)
                    .value("status", "pending", "expense_status")
                    .execute(c);
            return Sql.text(c, ExpenseSql.SELECT_ONE, id);
        });
        return Reply.json(json);
    }

    private static BigDecimal requiredAmount(JsonBody b) {
        BigDecimal amount = b.nonNegativeDecimal("amount");
        if (amount == null) {
            throw ApiException.invalidField("amount", "Field required");
        }
        return amount;
    }

    /**
     * PUT /expenses/{expense_id}. The row is locked first, so of two simultaneous approvals the second sees the
     * expense approved already and changes nothing.
     */
    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("expense_id", "Expense not found");
        Principal who = req.user();
        JsonBody b = req.body();
        Patch patch = new Patch();
        if (b.has("amount")) {
            patch.set("amount", requiredAmount(b));
        }
        if (b.has("expense_date")) {
            patch.set("expense_date", b.requiredDate("expense_date"));
        }
        if (b.has("description")) {
            patch.set("description", b.text("description", MAX_TEXT));
        }
        if (b.has("document_url")) {
            patch.set("document_url", b.safeUrl("document_url"));
        }
        if (b.has("fuel_quantity")) {
            patch.set("fuel_quantity", b.nonNegativeDecimal("fuel_quantity"));
        }
        String status = null;
        if (who.isAdmin()) {
            status = b.has("status") ? b.requiredEnum("status", ExpenseSql.STATUSES) : null;
            if (b.has("admin_remarks")) {
                patch.set("admin_remarks", b.text("admin_remarks", MAX_TEXT));
            }
        }
        String newStatus = status;
        String json = db.tx(c -> {
            Map<String, Object> row = lock(c, id);
            String stored = (String) row.get("status");
            if (!who.isAdmin()) {
                requireOwnerOrAdmin(who, (UUID) row.get("submitted_by"));
                if (!stored.equals("pending")) {
                    throw ApiException.badRequest("Cannot update approved/denied expense");
                }
            }
            if (newStatus != null && !newStatus.equals(stored)) {
                patch.set("status", newStatus, "expense_status");
                boolean decided = !newStatus.equals("pending");
                patch.set("approved_by", decided ? who.profileId() : null);
                patch.set("approved_at", decided ? now() : null);
            }
            patch.apply(c, "expenses", id);
            return Sql.text(c, ExpenseSql.SELECT_ONE, id);
        });
        return Reply.json(json);
    }

    /** DELETE /expenses/{expense_id}; deleting an approved expense takes it off the trip's total (trigger). */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("expense_id", "Expense not found");
        Principal who = req.user();
        db.tx(c -> {
            Map<String, Object> row = lock(c, id);
            if (!who.isAdmin()) {
                requireOwnerOrAdmin(who, (UUID) row.get("submitted_by"));
                if (!row.get("status").equals("pending")) {
                    throw ApiException.badRequest("Cannot delete approved/denied expense");
                }
            }
            return Sql.update(c, "DELETE FROM expenses WHERE id = ?", id);
        });
        return Reply.message("Expense deleted successfully");
    }

    private static Map<String, Object> lock(Connection c, UUID id) throws SQLException {
        Map<String, Object> row = Sql.row(c,
                "SELECT submitted_by, status::text AS status FROM expenses WHERE id = ? FOR UPDATE", id);
        if (row == null) {
            throw ApiException.notFound("Expense not found");
        }
        return row;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(deps.clock()).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
