package busmanager.invoices;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.SQLException;
import java.util.UUID;

/** The line items of one invoice (api.md §12.6-§12.8). */
public final class InvoiceLineItemRoutes {
    private static final String ITEM_NOT_FOUND = "Line item not found";

    private final Database db;

    public InvoiceLineItemRoutes(Deps deps) {
        this.db = deps.db();
    }

    /** GET /invoices/{invoice_id}/line-items — in creation order. */
    public Reply list(Request req) throws SQLException {
        UUID invoiceId = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        mustExist(invoiceId);
        return db.list("SELECT " + InvoiceSql.LINE_ITEM_JSON + " FROM invoice_line_items li WHERE li.invoice_id = ?"
                + " ORDER BY " + InvoiceSql.LINE_ITEM_ORDER, invoiceId);
    }

    /** POST /invoices/{invoice_id}/line-items — appends one line; the invoice's figures are summed again. */
    public Reply add(Request req) throws Exception {
        UUID invoiceId = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        LineItems.LineItem item = LineItems.parse(req.body());
        UUID itemId = db.tx(c -> {
            String status = InvoiceTotals.lock(c, invoiceId);
            UUID id = LineItems.insert(c, invoiceId, item);
            InvoiceTotals.recompute(c, invoiceId, status, InvoiceTotals.Change.ITEMS_CHANGED);
            return id;
        });
        return Reply.json(db.one("SELECT " + InvoiceSql.LINE_ITEM_JSON + " FROM invoice_line_items li WHERE li.id = ?",
                itemId));
    }

    /** DELETE /invoices/{invoice_id}/line-items/{item_id} */
    public Reply delete(Request req) throws SQLException {
        UUID invoiceId = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        UUID itemId = req.pathId("item_id", ITEM_NOT_FOUND);
        db.tx(c -> {
            String status = InvoiceTotals.lock(c, invoiceId);
            if (Sql.update(c, "DELETE FROM invoice_line_items WHERE id = ? AND invoice_id = ?", itemId,
                    invoiceId) == 0) {
                throw ApiException.notFound(ITEM_NOT_FOUND);
            }
            InvoiceTotals.recompute(c, invoiceId, status, InvoiceTotals.Change.ITEMS_CHANGED);
            return null;
        });
        return Reply.message("Line item deleted successfully");
    }

    private void mustExist(UUID invoiceId) throws SQLException {
        if (db.one("SELECT id::text FROM invoices WHERE id = ?", invoiceId) == null) {
            throw ApiException.notFound(InvoiceTotals.NOT_FOUND);
        }
    }
}
