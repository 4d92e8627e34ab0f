package busmanager.repairs;

/** The Repair object of api.md §13, built by PostgreSQL. */
final class RepairSql {
    private RepairSql() {
    }

    /**
     * The GST amount the old backend reported for a row it wrote (it never stored gst_amount or total_cost):
     * (parts + labour) × rate / 100 when GST applies, the rate being 18 when unset or 0. Multiplying by 0.01
     * instead of dividing keeps numeric arithmetic exact.
     */
    static final String LEGACY_GST = """
            CASE WHEN r.gst_applicable
                 THEN (COALESCE(r.parts_cost, 0) + COALESCE(r.labor_cost, 0))
                      * COALESCE(NULLIF(r.gst_percentage, 0), 18) * 0.01
                 ELSE 0 END""";

    /** Stored figures for rows this server wrote (total_cost set); computed like the old API for the others. */
    static final String GST_AMOUNT = "CASE WHEN r.total_cost IS NULL THEN " + LEGACY_GST
            + " ELSE COALESCE(r.gst_amount, 0) END";
    static final String TOTAL_COST = "COALESCE(r.total_cost, COALESCE(r.parts_cost, 0) + COALESCE(r.labor_cost, 0) + "
            + LEGACY_GST + ")";

    static final String REPAIR_JSON = """
            json_build_object('id', r.id, 'repair_number', r.repair_number, 'organization_id', r.organization_id,
              'bus_id', r.bus_id, 'bus_registration', r.bus_registration, 'repair_date', r.repair_date,
              'repair_type', r.repair_type, 'description', r.description, 'parts_changed', r.parts_changed,
              'parts_cost', COALESCE(r.parts_cost, 0), 'labor_cost', COALESCE(r.labor_cost, 0), 'total_cost', %s,
              'gst_applicable', r.gst_applicable, 'gst_percentage', r.gst_percentage, 'gst_amount', %s,
              'warranty_days', COALESCE(r.warranty_days, 0), 'status', r.status, 'notes', r.notes,
              'photo_before_url', r.photo_before_url, 'photo_after_url', r.photo_after_url,
              'submitted_by', r.submitted_by, 'approved_by', r.approved_by, 'approved_at', r.approved_at,
              'repair_organizations', CASE WHEN o.id IS NULL THEN NULL
                                           ELSE json_build_object('org_code', o.org_code, 'org_name', o.org_name) END,
              'buses', CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('bus_name', b.bus_name) END,
              'created_at', r.created_at, 'updated_at', r.updated_at)::text""".formatted(TOTAL_COST, GST_AMOUNT);

    static final String FROM = " FROM repair_records r LEFT JOIN repair_organizations o ON o.id = r.organization_id"
            + " LEFT JOIN buses b ON b.id = r.bus_id";

    static final String SELECT_REPAIR = "SELECT " + REPAIR_JSON + FROM + " WHERE r.id = ?";
}
