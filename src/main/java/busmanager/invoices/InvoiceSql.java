package busmanager.invoices;

/** The JSON objects of api.md §12, built by PostgreSQL, and the orders lists use. */
final class InvoiceSql {
    private InvoiceSql() {
    }

    /** Creation order (§12.6): recording position; rows older than that column by created_at. */
    static final String LINE_ITEM_ORDER = "li.position ASC NULLS FIRST, li.created_at, li.id";
    /** Newest payment date first; of one date, the later recorded first (§12.9). */
    static final String PAYMENT_ORDER = "p.payment_date DESC, p.position DESC NULLS LAST, p.created_at DESC, p.id DESC";

    private static final String LINE_ITEM_FIELDS = """
            'id', li.id, 'description', li.description, 'quantity', li.quantity, 'unit_price', li.unit_price,
            'gst_percentage', li.gst_percentage, 'rate_includes_gst', li.rate_includes_gst,
            'base_amount', li.base_amount, 'gst_amount', li.gst_amount, 'amount', li.amount,
            'is_deduction', li.is_deduction""";
    private static final String PAYMENT_FIELDS = """
            'id', p.id, 'amount', p.amount, 'payment_date', p.payment_date, 'payment_mode', p.payment_mode,
            'reference_number', p.reference_number, 'notes', p.notes""";

    /** LineItem of the sub-resource. */
    static final String LINE_ITEM_JSON = "json_build_object(" + LINE_ITEM_FIELDS
            + ", 'invoice_id', li.invoice_id, 'created_at', li.created_at)::text";
    /** Payment of the sub-resource. */
    static final String PAYMENT_JSON = "json_build_object(" + PAYMENT_FIELDS
            + ", 'invoice_id', p.invoice_id, 'created_by', p.created_by, 'created_at', p.created_at)::text";

    static final String INVOICE_JSON = """
            json_build_object('id', i.id, 'invoice_number', i.invoice_number, 'invoice_date', i.invoice_date,
              'due_date', i.due_date, 'invoice_type', i.invoice_type, 'customer_name', i.customer_name,
              'customer_address', i.customer_address, 'customer_phone', i.customer_phone,
              'customer_gst', i.customer_gst, 'vendor_name', i.vendor_name, 'vendor_address', i.vendor_address,
              'vendor_phone', i.vendor_phone, 'vendor_gst', i.vendor_gst, 'trip_id', i.trip_id, 'bus_id', i.bus_id,
              'subtotal', i.subtotal, 'gst_amount', i.gst_amount, 'total_amount', i.total_amount,
              'amount_paid', i.amount_paid, 'balance_due', i.balance_due, 'status', i.status, 'notes', i.notes,
              'terms', i.terms, 'direction', i.direction, 'category', i.category,
              'line_items', COALESCE((SELECT json_agg(json_build_object(""" + LINE_ITEM_FIELDS + ") ORDER BY "
            + LINE_ITEM_ORDER + ") FROM invoice_line_items li WHERE li.invoice_id = i.id), '[]'::json),"
            + "\n  'payments', COALESCE((SELECT json_agg(json_build_object(" + PAYMENT_FIELDS + ") ORDER BY "
            + PAYMENT_ORDER + ") FROM invoice_payments p WHERE p.invoice_id = i.id), '[]'::json),"
            + "\n  'created_at', i.created_at, 'updated_at', i.updated_at)::text";

    static final String SELECT_INVOICE = "SELECT " + INVOICE_JSON + " FROM invoices i WHERE i.id = ?";
}
