package busmanager.stock;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Quantity changes of a stock item (api.md §11.6, domain §9.6). Every change locks the item row first
 * (SELECT ... FOR UPDATE), so two drivers taking water at the same moment both count and the history's
 * previous/new quantities form one unbroken chain.
 */
public final class StockAdjustments {
    static final Set<String> TYPES = Set.of("add", "remove", "adjustment");

    private final Database db;

    public StockAdjustments(Deps deps) {
        this.db = deps.db();
    }

    /** POST /stock/{item_id}/adjust */
    public Reply adjust(Request req) throws Exception {
        UUID id = req.pathId("item_id", StockRoutes.NOT_FOUND);
        JsonBody b = req.body();
        int change = b.requiredInteger("quantity_change");
        String type = b.requiredEnum("transaction_type", TYPES);
        String notes = b.text("notes");
        if (!type.equals("adjustment") && change <= 0) {
            throw ApiException.badRequest("Quantity change must be greater than 0");
        }
        UUID profileId = req.user().profileId();
        db.tx(c -> {
            int old = (Integer) lockItem(c, id).get("quantity");
            long fresh = type.equals("remove") ? (long) old - change : (long) old + change;
            if (fresh < 0) {
                throw ApiException.badRequest("Insufficient stock");
            }
            if (fresh > Integer.MAX_VALUE) {
                throw ApiException.badRequest("Resulting quantity is too large");
            }
            // quantity_change is stored as sent (positive for removals too); the type gives the sign.
            record(c, id, type, change, old, (int) fresh, notes, profileId);
            Sql.update(c, "UPDATE stock_items SET quantity = ?, last_updated_by = ? WHERE id = ?",
                    (int) fresh, profileId, id);
            return null;
        });
        return Reply.json(db.one(StockRoutes.SELECT_ITEM, id));
    }

    /** Locks the item row for the rest of the transaction; 404 when there is none. */
    static Map<String, Object> lockItem(Connection c, UUID id) throws SQLException {
        Map<String, Object> item = Sql.row(c, "SELECT quantity FROM stock_items WHERE id = ? FOR UPDATE", id);
        if (item == null) {
            throw ApiException.notFound(StockRoutes.NOT_FOUND);
        }
        return item;
    }

    /**
     * Appends a history row. created_at is the moment of writing (clock_timestamp), not the transaction start,
     * so rows written one after another under the lock also sort in that order.
     */
    static void record(Connection c, UUID itemId, String type, int change, int previous, int fresh, String notes,
                       UUID profileId) throws SQLException {
        Sql.update(c, """
                INSERT INTO stock_transactions (stock_item_id, transaction_type, quantity_change, previous_quantity,
                  new_quantity, notes, created_by, created_at)
                VALUES (?, ?::stock_transaction_type, ?, ?, ?, ?, ?, clock_timestamp())""",
                itemId, type, change, previous, fresh, notes, profileId);
    }
}
