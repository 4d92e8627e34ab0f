package busmanager.invoices;

import busmanager.db.Sql;
import busmanager.http.ApiException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice's money figures. They are never adjusted by increments: after every change of line items or
 * payments, subtotal, GST, total, amount paid and balance are summed again from the rows (exact numeric sums
 * in PostgreSQL, exact BigDecimal arithmetic here), so they cannot drift. Callers hold the invoice row lock
 * ({@link #lock}) from before the change until the recomputation, so concurrent changes queue up.
 */
final class InvoiceTotals {
    static final String NOT_FOUND = "Invoice not found";

    private InvoiceTotals() {
    }

    /** What just happened to the invoice; decides how the status follows the money (api.md §12.5, §12.10). */
    enum Change { ITEMS_CHANGED, PAYMENT_ADDED, PAYMENT_REMOVED }

    record Totals(BigDecimal subtotal, BigDecimal gstAmount, BigDecimal totalAmount, BigDecimal amountPaid,
                  BigDecimal balanceDue) {
    }

    /** Locks the invoice row (SELECT ... FOR UPDATE) and returns its status; 404 when there is no such invoice. */
    static String lock(Connection c, UUID invoiceId) throws SQLException {
        String status = Sql.text(c, "SELECT status::text FROM invoices WHERE id = ? FOR UPDATE", invoiceId);
        if (status == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return status;
    }

    /** The figures as the rows say now. Deduction lines count negative (domain §8.3). */
    static Totals sum(Connection c, UUID invoiceId) throws SQLException {
        Map<String, Object> items = Sql.row(c, """
                SELECT COALESCE(SUM(CASE WHEN is_deduction THEN -base_amount ELSE base_amount END), 0) AS subtotal,
                       COALESCE(SUM(CASE WHEN is_deduction THEN -gst_amount ELSE gst_amount END), 0) AS gst
                FROM invoice_line_items WHERE invoice_id = ?""", invoiceId);
        BigDecimal paid = (BigDecimal) Sql.row(c,
                "SELECT COALESCE(SUM(amount), 0) AS paid FROM invoice_payments WHERE invoice_id = ?", invoiceId)
                .get("paid");
        BigDecimal subtotal = (BigDecimal) items.get("subtotal");
        BigDecimal gst = (BigDecimal) items.get("gst");
        BigDecimal total = subtotal.add(gst);
        return new Totals(LineItems.plain(subtotal), LineItems.plain(gst), LineItems.plain(total),
                LineItems.plain(paid), LineItems.plain(total.subtract(paid)));
    }

    /**
     * Recomputes and stores the figures and the status that follows from {@code change}; returns the totals.
     * {@code status} is the invoice's status before the recomputation (after any status the request set).
     */
    static Totals recompute(Connection c, UUID invoiceId, String status, Change change) throws SQLException {
        Totals t = sum(c, invoiceId);
        Sql.update(c, """
                UPDATE invoices SET subtotal = ?, gst_amount = ?, total_amount = ?, amount_paid = ?, balance_due = ?,
                  status = ?::invoice_status
                WHERE id = ?""",
                t.subtotal(), t.gstAmount(), t.totalAmount(), t.amountPaid(), t.balanceDue(),
                statusAfter(status, change, t), invoiceId);
        return t;
    }

    /**
     * The status after a change (domain §8.4):
     * <ul>
     *   <li>payment added: paid when nothing is left to pay, else partial;</li>
     *   <li>payment removed: nothing paid any more → sent (a draft stays draft); else paid or partial by the
     *       balance;</li>
     *   <li>line items changed: an invoice whose status came from its payments (paid/partial) follows the new
     *       balance; draft, sent and overdue are set by hand and stay.</li>
     * </ul>
     * A cancelled invoice stays cancelled whatever happens to its rows (no payment can be added to it).
     */
    static String statusAfter(String status, Change change, Totals t) {
        if (status.equals("cancelled")) {
            return status;
        }
        boolean anythingPaid = t.amountPaid().signum() > 0;
        boolean settled = t.balanceDue().signum() <= 0;
        return switch (change) {
            case PAYMENT_ADDED -> settled ? "paid" : anythingPaid ? "partial" : status;
            case PAYMENT_REMOVED -> !anythingPaid ? (status.equals("draft") ? "draft" : "sent")
                    : settled ? "paid" : "partial";
            case ITEMS_CHANGED -> anythingPaid && (status.equals("paid") || status.equals("partial"))
                    ? (settled ? "paid" : "partial") : status;
        };
    }
}
