package busmanager.trips;

import busmanager.db.Insert;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The stock side of a trip's water count (api.md §6.5): water taken leaves the water stock item (and becomes an
 * approved Water expense when the item has a price); water given back returns to stock. Runs inside the trip
 * update's transaction with the trip row already locked; the stock item row is locked here.
 */
final class WaterStock {
    private WaterStock() {
    }

    static void move(Connection c, UUID tripId, String tripNumber, int oldCount, int newCount, UUID caller,
                     LocalDate today) throws SQLException {
        int diff = newCount - oldCount;
        if (diff == 0) {
            return;
        }
        Map<String, Object> item = Sql.row(c, """
                SELECT id, quantity, unit, COALESCE(unit_price, 0) AS unit_price FROM stock_items
                WHERE strpos(lower(item_name), 'water') > 0
                ORDER BY item_name, id LIMIT 1 FOR UPDATE""");
        if (item == null) {
            return;
        }
        UUID itemId = (UUID) item.get("id");
        int quantity = (Integer) item.get("quantity");
        String unit = (String) item.get("unit");
        BigDecimal unitPrice = (BigDecimal) item.get("unit_price");
        if (diff > 0) {
            if (diff > quantity) {
                throw ApiException.badRequest("Not enough water in stock. Available: " + quantity + " " + unit);
            }
            record(c, itemId, "remove", diff, quantity, quantity - diff,
                    "Trip " + tripNumber + " - Driver pickup" + (oldCount > 0 ? " (additional)" : ""), caller);
            UUID waterCategory = Sql.uuid(c,
                    "SELECT id FROM expense_categories WHERE lower(name) = 'water' ORDER BY created_at, id LIMIT 1");
            if (waterCategory != null && unitPrice.signum() > 0) {
                // Inserted approved: the total-expense trigger does not count inserts (api.md §6.5).
                Insert.into("expenses")
                        .value("trip_id", tripId)
                        .value("category_id", waterCategory)
                        .value("submitted_by", caller)
                        .value("amount", unitPrice.multiply(BigDecimal.valueOf(diff)))
                        .value("expense_date", today)
                        .value("description", description(diff, unit, unitPrice))
                        .value("status", "approved", "expense_status")
                        .execute(c);
            }
        } else {
            record(c, itemId, "add", -diff, quantity, quantity - diff,
                    "Trip " + tripNumber + " - Driver returned water", caller);
        }
    }

    /** {@code Water: 2 pieces @ ₹3/pieces}: the price as JavaScript prints a number (3, 2.5; never 3.00). */
    static String description(int count, String unit, BigDecimal unitPrice) {
        return "Water: " + count + " " + unit + " @ \u20B9" + unitPrice.stripTrailingZeros().toPlainString() + "/" + unit;
    }

    private static void record(Connection c, UUID itemId, String type, int change, int previous, int next,
                               String notes, UUID caller) throws SQLException {
        Insert.into("stock_transactions")
                .value("stock_item_id", itemId)
                .value("transaction_type", type, "stock_transaction_type")
                .value("quantity_change", change)
                .value("previous_quantity", previous)
                .value("new_quantity", next)
                .value("notes", notes)
                .value("created_by", caller)
                .execute(c);
        Sql.update(c, "UPDATE stock_items SET quantity = ?, last_updated_by = ? WHERE id = ?", next, caller, itemId);
    }
}
