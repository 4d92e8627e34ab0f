package busmanager.invoices;

import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Invoice line items: reading them from a request, their amounts (domain §8.3), storing them. */
final class LineItems {
    static final int MAX_ITEMS = 500;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /**
     * Precision of the one division in the amounts: a rate that includes GST is split as
     * base = amount × 100 / (100 + g). DECIMAL64 keeps 16 significant digits (what the old API stored from its
     * binary floats, e.g. 847.4576271186441); every other step (products, sums, GST = amount − base) is exact,
     * and nothing is rounded to 2 decimals.
     */
    static final MathContext DIVISION = MathContext.DECIMAL64;

    private LineItems() {
    }

    /** One line as sent, with the amounts the server computed for it. */
    record LineItem(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal gstPercentage,
                    boolean rateIncludesGst, boolean isDeduction, BigDecimal baseAmount, BigDecimal gstAmount,
                    BigDecimal amount) {
    }

    /** The {@code line_items} array of a create/update body, in the order sent (null when absent or null). */
    static List<LineItem> parseList(JsonBody body) {
        List<JsonBody> raw = body.objectList("line_items", MAX_ITEMS);
        if (raw == null) {
            return null;
        }
        List<LineItem> items = new ArrayList<>(raw.size());
        for (JsonBody item : raw) {
            items.add(parse(item));
        }
        return items;
    }

    /** One line item as sent; client-sent amount/base_amount/gst_amount are ignored. */
    static LineItem parse(JsonBody b) {
        String description = b.requiredText("description", 1000);
        BigDecimal quantity = orDefault(b.nonNegativeDecimal("quantity"), BigDecimal.ONE);
        BigDecimal unitPrice = orDefault(b.nonNegativeDecimal("unit_price"), BigDecimal.ZERO);
        BigDecimal gst = orDefault(b.nonNegativeDecimal("gst_percentage"), BigDecimal.valueOf(18));
        if (gst.compareTo(HUNDRED) > 0) {
            throw ApiException.invalidField("gst_percentage", "Input should be less than or equal to 100");
        }
        boolean inclusive = Boolean.TRUE.equals(b.bool("rate_includes_gst"));
        boolean deduction = Boolean.TRUE.equals(b.bool("is_deduction"));
        return compute(description, quantity, unitPrice, gst, inclusive, deduction);
    }

    /**
     * Amounts of one line: with the rate including GST, amount = q·p, base = amount / (1 + g/100),
     * GST = amount − base; otherwise base = q·p, GST = base·g/100, amount = base + GST.
     */
    static LineItem compute(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal gst,
                            boolean inclusive, boolean deduction) {
        BigDecimal gross = quantity.multiply(unitPrice);
        BigDecimal base;
        BigDecimal tax;
        BigDecimal amount;
        if (inclusive) {
            amount = gross;
            base = gross.multiply(HUNDRED).divide(HUNDRED.add(gst), DIVISION);
            tax = amount.subtract(base);
        } else {
            base = gross;
            tax = base.multiply(gst).movePointLeft(2);
            amount = base.add(tax);
        }
        return new LineItem(description, quantity, unitPrice, gst, inclusive, deduction, plain(base), plain(tax),
                plain(amount));
    }

    /** Inserts the line; rows inserted one after another get increasing positions (their listed order). */
    static UUID insert(Connection c, UUID invoiceId, LineItem li) throws SQLException {
        return Sql.uuid(c, """
                INSERT INTO invoice_line_items (invoice_id, description, quantity, unit_price, gst_percentage,
                  rate_includes_gst, base_amount, gst_amount, amount, is_deduction)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                invoiceId, li.description(), li.quantity(), li.unitPrice(), li.gstPercentage(), li.rateIncludesGst(),
                li.baseAmount(), li.gstAmount(), li.amount(), li.isDeduction());
    }

    static void insertAll(Connection c, UUID invoiceId, List<LineItem> items) throws SQLException {
        for (LineItem li : items) {
            insert(c, invoiceId, li);
        }
    }

    private static BigDecimal orDefault(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }

    /** Drops trailing zeros (270.00 → 270) without changing the value. */
    static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
