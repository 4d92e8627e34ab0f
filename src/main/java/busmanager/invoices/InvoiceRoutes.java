package busmanager.invoices;

import busmanager.Deps;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Invoices (api.md §12.1-§12.4, §12.11); line items and payments have routes of their own. */
public final class InvoiceRoutes {
    static final Set<String> STATUSES = Set.of("draft", "sent", "partial", "paid", "overdue", "cancelled");
    static final Set<String> TYPES = Set.of("customer", "online_app", "charter");
    static final Set<String> DIRECTIONS = Set.of("sales", "purchase");
    static final Set<String> CATEGORIES = Set.of("general", "fuel", "repairs", "spares", "office_supplies",
            "insurance", "permits", "tolls", "other");
    private static final String DUPLICATE = "Invoice number already exists";
    private static final int MAX_NUMBER = 50;
    private static final int MAX_NAME = 200;
    private static final int MAX_ADDRESS = 1000;
    private static final int MAX_PHONE = 30;
    private static final int MAX_GST = 30;
    /** Optional text columns, written as sent. */
    private static final List<Field> TEXTS = List.of(new Field("customer_address", MAX_ADDRESS),
            new Field("customer_phone", MAX_PHONE), new Field("customer_gst", MAX_GST),
            new Field("vendor_name", MAX_NAME), new Field("vendor_address", MAX_ADDRESS),
            new Field("vendor_phone", MAX_PHONE), new Field("vendor_gst", MAX_GST), new Field("notes", 5000),
            new Field("terms", 5000));

    private record Field(String name, int maxLength) {
    }

    private final Deps deps;
    private final Database db;

    public InvoiceRoutes(Deps deps) {
        this.deps = deps;
        this.db = deps.db();
    }

    /** GET /invoices — newest invoice date first; {@code direction=sales} includes invoices without one. */
    public Reply list(Request req) {
        Query q = req.query();
        Where where = new Where()
                .and("i.status = ?::invoice_status", q.enumValue("status", STATUSES))
                .and("COALESCE(i.direction, 'sales') = ?::invoice_direction", q.enumValue("direction", DIRECTIONS))
                .and("i.invoice_date >= ?", q.date("from_date"))
                .and("i.invoice_date <= ?", q.date("to_date"));
        return db.list("SELECT " + InvoiceSql.INVOICE_JSON + " FROM invoices i" + where.sql()
                + " ORDER BY i.invoice_date DESC, i.created_at DESC, i.id" + Where.page(q.limit(), q.offset()),
                where.params());
    }

    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        return Reply.json(found(db.one(InvoiceSql.SELECT_INVOICE, id)));
    }

    /** POST /invoices — always a draft with nothing paid; client-sent totals and status are ignored. */
    public Reply create(Request req) throws Exception {
        JsonBody b = req.body();
        String number = b.requiredText("invoice_number", MAX_NUMBER).strip();
        UUID tripId = b.uuid("trip_id");
        UUID busId = b.uuid("bus_id");
        Insert insert = Insert.into("invoices")
                .value("invoice_number", number)
                .value("invoice_date", b.date("invoice_date") == null ? deps.today() : b.date("invoice_date"))
                .value("due_date", b.date("due_date"))
                .value("invoice_type", orElse(b.enumValue("invoice_type", TYPES), "customer"), "invoice_type")
                .value("customer_name", b.requiredText("customer_name", MAX_NAME))
                .value("direction", orElse(b.enumValue("direction", DIRECTIONS), "sales"), "invoice_direction")
                .value("category", orElse(b.enumValue("category", CATEGORIES), "general"), "invoice_category")
                .value("trip_id", tripId)
                .value("bus_id", busId);
        for (Field f : TEXTS) {
            insert.value(f.name(), b.text(f.name(), f.maxLength()));
        }
        List<LineItems.LineItem> items = LineItems.parseList(b);
        UUID id = db.tx(c -> {
            checkReferences(c, tripId, busId);
            checkNumberFree(c, number, null);
            UUID created = insertUnique(c, insert);
            if (items != null) {
                LineItems.insertAll(c, created, items);
            }
            InvoiceTotals.recompute(c, created, "draft", InvoiceTotals.Change.ITEMS_CHANGED);
            return created;
        });
        return Reply.json(db.one(InvoiceSql.SELECT_INVOICE, id));
    }

    /**
     * PUT /invoices/{invoice_id} — partial update. A {@code line_items} list replaces every line of the invoice
     * and the figures are summed again; client-sent totals are ignored. {@code status} changes only when sent.
     */
    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        JsonBody b = req.body();
        Patch patch = new Patch();
        String number = null;
        if (b.has("invoice_number")) {
            number = b.requiredText("invoice_number", MAX_NUMBER).strip();
            patch.set("invoice_number", number);
        }
        if (b.has("invoice_date")) {
            patch.set("invoice_date", notNull(b.date("invoice_date"), "invoice_date"));
        }
        if (b.has("due_date")) {
            patch.set("due_date", b.date("due_date"));
        }
        if (b.has("customer_name")) {
            patch.set("customer_name", b.requiredText("customer_name", MAX_NAME));
        }
        for (Field f : TEXTS) {
            if (b.has(f.name())) {
                patch.set(f.name(), b.text(f.name(), f.maxLength()));
            }
        }
        if (b.has("invoice_type")) {
            patch.set("invoice_type", notNull(b.enumValue("invoice_type", TYPES), "invoice_type"), "invoice_type");
        }
        if (b.has("direction")) {
            patch.set("direction", b.enumValue("direction", DIRECTIONS), "invoice_direction");
        }
        if (b.has("category")) {
            patch.set("category", b.enumValue("category", CATEGORIES), "invoice_category");
        }
        UUID tripId = b.uuid("trip_id");
        UUID busId = b.uuid("bus_id");
        if (b.has("trip_id")) {
            patch.set("trip_id", tripId);
        }
        if (b.has("bus_id")) {
            patch.set("bus_id", busId);
        }
        String newStatus = b.has("status") ? notNull(b.enumValue("status", STATUSES), "status") : null;
        if (newStatus != null) {
            patch.set("status", newStatus, "invoice_status");
        }
        List<LineItems.LineItem> items = LineItems.parseList(b);
        String checkedNumber = number;
        db.tx(c -> {
            String status = InvoiceTotals.lock(c, id);
            checkReferences(c, tripId, busId);
            if (checkedNumber != null) {
                checkNumberFree(c, checkedNumber, id);
            }
            applyUnique(c, patch, id);
            if (items != null) {
                Sql.update(c, "DELETE FROM invoice_line_items WHERE invoice_id = ?", id);
                LineItems.insertAll(c, id, items);
                InvoiceTotals.recompute(c, id, newStatus != null ? newStatus : status,
                        InvoiceTotals.Change.ITEMS_CHANGED);
            }
            return null;
        });
        return Reply.json(db.one(InvoiceSql.SELECT_INVOICE, id));
    }

    /** DELETE /invoices/{invoice_id} — line items and payments go with it (ON DELETE CASCADE). */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        int deleted = db.tx(c -> Sql.update(c, "DELETE FROM invoices WHERE id = ?", id));
        if (deleted == 0) {
            throw ApiException.notFound(InvoiceTotals.NOT_FOUND);
        }
        return Reply.message("Invoice deleted successfully");
    }

    static String found(String json) {
        if (json == null) {
            throw ApiException.notFound(InvoiceTotals.NOT_FOUND);
        }
        return json;
    }

    private static void checkReferences(Connection c, UUID tripId, UUID busId) throws SQLException {
        Refs.mustExist(c, "trips", tripId, "trip_id", "Trip");
        Refs.mustExist(c, "buses", busId, "bus_id", "Bus");
    }

    private static void checkNumberFree(Connection c, String number, UUID exceptId) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM invoices WHERE invoice_number = ? AND id IS DISTINCT FROM ?", number,
                exceptId)) {
            throw ApiException.conflict(DUPLICATE);
        }
    }

    /** The check above cannot see an invoice another request is creating at this moment; the constraint can. */
    private static UUID insertUnique(Connection c, Insert insert) throws SQLException {
        try {
            return insert.execute(c);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw ApiException.conflict(DUPLICATE);
            }
            throw e;
        }
    }

    private static void applyUnique(Connection c, Patch patch, UUID id) throws SQLException {
        try {
            patch.apply(c, "invoices", id);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw ApiException.conflict(DUPLICATE);
            }
            throw e;
        }
    }

    private static <T> T notNull(T value, String field) {
        if (value == null) {
            throw ApiException.invalidField(field, "Field cannot be null");
        }
        return value;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
