package busmanager.invoices;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Payments received for an invoice (api.md §12.5, §12.9, §12.10). Each change locks the invoice row, checks
 * against the balance as the rows say at that moment, and sums the figures again, so two payments recorded
 * at the same time are both counted and together can never exceed the total.
 */
public final class InvoicePaymentRoutes {
    private static final String PAYMENT_NOT_FOUND = "Payment not found";

    private final Deps deps;
    private final Database db;

    public InvoicePaymentRoutes(Deps deps) {
        this.deps = deps;
        this.db = deps.db();
    }

    /** GET /invoices/{invoice_id}/payments — newest payment date first, later recorded first. */
    public Reply list(Request req) throws SQLException {
        UUID invoiceId = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        if (db.one("SELECT id::text FROM invoices WHERE id = ?", invoiceId) == null) {
            throw ApiException.notFound(InvoiceTotals.NOT_FOUND);
        }
        return db.list("SELECT " + InvoiceSql.PAYMENT_JSON + " FROM invoice_payments p WHERE p.invoice_id = ?"
                + " ORDER BY " + InvoiceSql.PAYMENT_ORDER, invoiceId);
    }

    /** POST /invoices/{invoice_id}/payments — answers the reloaded Invoice. */
    public Reply add(Request req) throws Exception {
        UUID invoiceId = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        JsonBody b = req.body();
        BigDecimal amount = b.requiredDecimal("amount");
        LocalDate date = b.date("payment_date");
        String mode = b.textOrNull("payment_mode", 50);
        String reference = b.text("reference_number", 100);
        String notes = b.text("notes");
        if (amount.signum() <= 0) {
            throw ApiException.badRequest("Payment amount must be greater than 0");
        }
        UUID profileId = req.user().profileId();
        db.tx(c -> {
            String status = InvoiceTotals.lock(c, invoiceId);
            if (status.equals("cancelled")) {
                throw ApiException.badRequest("Cannot record a payment for a cancelled invoice");
            }
            BigDecimal balance = InvoiceTotals.sum(c, invoiceId).balanceDue();
            if (amount.compareTo(balance) > 0) {
                throw ApiException.badRequest(balance.signum() <= 0
                        ? "Invoice is already fully paid"
                        : "Payment amount exceeds the balance due (" + balance.toPlainString() + ")");
            }
            Sql.update(c, """
                    INSERT INTO invoice_payments (invoice_id, amount, payment_date, payment_mode, reference_number,
                      notes, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    invoiceId, amount, date == null ? deps.today() : date, mode == null ? "Cash" : mode, reference,
                    notes, profileId);
            InvoiceTotals.recompute(c, invoiceId, status, InvoiceTotals.Change.PAYMENT_ADDED);
            return null;
        });
        return Reply.json(db.one(InvoiceSql.SELECT_INVOICE, invoiceId));
    }

    /** DELETE /invoices/{invoice_id}/payments/{payment_id} */
    public Reply delete(Request req) throws SQLException {
        UUID invoiceId = req.pathId("invoice_id", InvoiceTotals.NOT_FOUND);
        UUID paymentId = req.pathId("payment_id", PAYMENT_NOT_FOUND);
        db.tx(c -> {
            String status = InvoiceTotals.lock(c, invoiceId);
            if (Sql.update(c, "DELETE FROM invoice_payments WHERE id = ? AND invoice_id = ?", paymentId,
                    invoiceId) == 0) {
                throw ApiException.notFound(PAYMENT_NOT_FOUND);
            }
            InvoiceTotals.recompute(c, invoiceId, status, InvoiceTotals.Change.PAYMENT_REMOVED);
            return null;
        });
        return Reply.message("Payment deleted successfully");
    }
}
