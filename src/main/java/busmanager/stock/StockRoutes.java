package busmanager.stock;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Patch;
import busmanager.db.Sql;
import busmanager.db.Where;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Query;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** Stock items and their transaction history (api.md §11); quantity changes are in {@link StockAdjustments}. */
public final class StockRoutes {
    static final String NOT_FOUND = "Stock item not found";
    static final int MAX_NAME = 200;
    private static final int MAX_UNIT = 50;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static final String ITEM_JSON = """
            json_build_object('id', s.id, 'item_name', s.item_name, 'quantity', s.quantity, 'unit', s.unit,
              'unit_price', COALESCE(s.unit_price, 0), 'low_stock_threshold', s.low_stock_threshold,
              'gst_percentage', COALESCE(s.gst_percentage, 0), 'notes', s.notes,
              'last_updated_by', s.last_updated_by, 'created_at', s.created_at, 'updated_at', s.updated_at)::text""";
    static final String SELECT_ITEM = "SELECT " + ITEM_JSON + " FROM stock_items s WHERE s.id = ?";

    private static final String TRANSACTION_JSON = """
            json_build_object('id', t.id, 'stock_item_id', t.stock_item_id, 'transaction_type', t.transaction_type,
              'quantity_change', t.quantity_change, 'previous_quantity', t.previous_quantity,
              'new_quantity', t.new_quantity, 'notes', t.notes, 'created_by', t.created_by,
              'created_at', t.created_at,
              'stock_item', CASE WHEN s.id IS NULL THEN NULL
                                 ELSE json_build_object('id', s.id, 'item_name', s.item_name) END)::text""";

    private final Database db;

    public StockRoutes(Deps deps) {
        this.db = deps.db();
    }

    /** GET /stock — by name; {@code ?name=} matches a part of the name in any letter case. */
    public Reply list(Request req) {
        String name = req.query().text("name");
        Where where = new Where().and("s.item_name ILIKE ? ESCAPE '\\'",
                name == null ? null : "%" + likeEscape(name) + "%");
        return db.list("SELECT " + ITEM_JSON + " FROM stock_items s" + where.sql()
                + " ORDER BY lower(s.item_name), s.item_name, s.id", where.params());
    }

    /** GET /stock/transactions — newest first, optionally of one item. */
    public Reply transactions(Request req) {
        Query q = req.query();
        Where where = new Where().and("t.stock_item_id = ?", q.uuid("stock_item_id"));
        return db.list("SELECT " + TRANSACTION_JSON
                + " FROM stock_transactions t LEFT JOIN stock_items s ON s.id = t.stock_item_id" + where.sql()
                + " ORDER BY t.created_at DESC, t.id DESC" + Where.page(q.limit(), q.offset()), where.params());
    }

    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("item_id", NOT_FOUND);
        return Reply.json(found(db.one(SELECT_ITEM, id)));
    }

    /** POST /stock — no transaction is written for the opening quantity (as the old API). */
    public Reply create(Request req) throws Exception {
        JsonBody b = req.body();
        Insert insert = Insert.into("stock_items")
                .value("item_name", b.requiredText("item_name", MAX_NAME).strip())
                .valueOrDefault("quantity", nonNegativeInt(b, "quantity"))
                .valueOrDefault("unit", b.textOrNull("unit", MAX_UNIT))
                .valueOrDefault("unit_price", b.nonNegativeDecimal("unit_price"))
                .valueOrDefault("low_stock_threshold", nonNegativeInt(b, "low_stock_threshold"))
                .valueOrDefault("gst_percentage", percentage(b, "gst_percentage"))
                .value("notes", b.text("notes"))
                .value("last_updated_by", req.user().profileId());
        UUID id = db.tx(insert::execute);
        return Reply.json(db.one(SELECT_ITEM, id));
    }

    /**
     * PUT /stock/{item_id} — partial update. A changed {@code quantity} (the edit dialog's "Current Quantity")
     * is recorded as an {@code adjustment} transaction "Manual edit", under the same row lock as adjustments.
     */
    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("item_id", NOT_FOUND);
        JsonBody b = req.body();
        Patch patch = new Patch();
        if (b.has("item_name")) {
            patch.set("item_name", b.requiredText("item_name", MAX_NAME).strip());
        }
        if (b.has("unit")) {
            patch.set("unit", required(b.textOrNull("unit", MAX_UNIT), "unit"));
        }
        if (b.has("unit_price")) {
            patch.set("unit_price", b.nonNegativeDecimal("unit_price"));
        }
        if (b.has("low_stock_threshold")) {
            patch.set("low_stock_threshold", required(nonNegativeInt(b, "low_stock_threshold"), "low_stock_threshold"));
        }
        if (b.has("gst_percentage")) {
            patch.set("gst_percentage", percentage(b, "gst_percentage"));
        }
        if (b.has("notes")) {
            patch.set("notes", b.text("notes"));
        }
        Integer quantity = b.has("quantity") ? required(nonNegativeInt(b, "quantity"), "quantity") : null;
        UUID profileId = req.user().profileId();
        db.tx(c -> {
            Map<String, Object> item = StockAdjustments.lockItem(c, id);
            int old = (Integer) item.get("quantity");
            if (quantity != null && quantity != old) {
                StockAdjustments.record(c, id, "adjustment", quantity - old, old, quantity, "Manual edit", profileId);
                patch.set("quantity", quantity);
            }
            if (!patch.isEmpty()) {
                patch.set("last_updated_by", profileId);
                patch.apply(c, "stock_items", id);
            }
            return null;
        });
        return Reply.json(db.one(SELECT_ITEM, id));
    }

    /** DELETE /stock/{item_id} — its transactions go with it (ON DELETE CASCADE). */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("item_id", NOT_FOUND);
        int deleted = db.tx(c -> Sql.update(c, "DELETE FROM stock_items WHERE id = ?", id));
        if (deleted == 0) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.message("Stock item deleted successfully");
    }

    static String found(String json) {
        if (json == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return json;
    }

    private static Integer nonNegativeInt(JsonBody b, String key) {
        Integer n = b.integer(key);
        if (n != null && n < 0) {
            throw ApiException.invalidField(key, "Input should be greater than or equal to 0");
        }
        return n;
    }

    private static BigDecimal percentage(JsonBody b, String key) {
        BigDecimal p = b.nonNegativeDecimal(key);
        if (p != null && p.compareTo(HUNDRED) > 0) {
            throw ApiException.invalidField(key, "Input should be less than or equal to 100");
        }
        return p;
    }

    private static <T> T required(T value, String key) {
        if (value == null) {
            throw ApiException.invalidField(key, "Field cannot be null");
        }
        return value;
    }

    /** Escapes LIKE wildcards so a search for "50%" finds the text "50%". */
    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
