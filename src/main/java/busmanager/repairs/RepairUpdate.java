package busmanager.repairs;

import busmanager.db.Patch;
import busmanager.db.Refs;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The changes a PUT /repairs/{repair_id} body asks for (api.md §13.9), read before the record is locked. */
final class RepairUpdate {
    private final Patch patch = new Patch();
    private UUID busId;
    private BigDecimal parts;
    private BigDecimal labor;
    private BigDecimal sentGst;
    private String status;
    private boolean approvedBySent;
    private UUID approvedBy;
    private boolean approvedAtSent;

    private RepairUpdate() {
    }

    /** Fields a workshop may change, plus status and approval stamps for an admin (ignored for workshops). */
    static RepairUpdate read(JsonBody b, boolean admin) {
        RepairUpdate u = new RepairUpdate();
        Patch p = u.patch;
        if (b.has("bus_id")) {
            u.busId = b.uuid("bus_id");
            p.set("bus_id", u.busId);
        }
        if (b.has("bus_registration")) {
            p.set("bus_registration", b.requiredText("bus_registration", RepairRoutes.MAX_SHORT).strip());
        }
        if (b.has("repair_date")) {
            p.set("repair_date", notNull(b.date("repair_date"), "repair_date"));
        }
        if (b.has("repair_type")) {
            p.set("repair_type", notNull(b.enumValue("repair_type", RepairRoutes.TYPES), "repair_type"));
        }
        if (b.has("description")) {
            p.set("description", b.requiredText("description"));
        }
        if (b.has("parts_changed")) {
            p.set("parts_changed", b.text("parts_changed"));
        }
        if (b.has("parts_cost")) {
            u.parts = RepairRoutes.orZero(b.nonNegativeDecimal("parts_cost"));
            p.set("parts_cost", u.parts);
        }
        if (b.has("labor_cost")) {
            u.labor = RepairRoutes.orZero(b.nonNegativeDecimal("labor_cost"));
            p.set("labor_cost", u.labor);
        }
        if (b.has("gst_applicable")) {
            p.set("gst_applicable", notNull(b.bool("gst_applicable"), "gst_applicable"));
        }
        if (b.has("gst_percentage")) {
            p.set("gst_percentage", RepairRoutes.percentage(b));
        }
        u.sentGst = b.nonNegativeDecimal("gst_amount");
        if (b.has("warranty_days")) {
            p.set("warranty_days", RepairRoutes.nonNegativeInt(b, "warranty_days"));
        }
        if (b.has("notes")) {
            p.set("notes", b.text("notes"));
        }
        if (b.has("photo_before_url")) {
            p.set("photo_before_url", b.safeUrl("photo_before_url"));
        }
        if (b.has("photo_after_url")) {
            p.set("photo_after_url", b.safeUrl("photo_after_url"));
        }
        if (admin) {
            readAdminFields(b, u);
        }
        return u;
    }

    private static void readAdminFields(JsonBody b, RepairUpdate u) {
        if (b.has("status")) {
            u.status = notNull(b.enumValue("status", RepairRoutes.STATUSES), "status");
            u.patch.set("status", u.status);
        }
        u.approvedBySent = b.has("approved_by");
        if (u.approvedBySent) {
            u.approvedBy = b.uuid("approved_by");
            u.patch.set("approved_by", u.approvedBy);
        }
        u.approvedAtSent = b.has("approved_at");
        if (u.approvedAtSent) {
            OffsetDateTime at = b.timestamp("approved_at");
            u.patch.set("approved_at", at);
        }
    }

    /**
     * Writes the changes to the locked record {@code row} (organization_id, status, parts_cost, labor_cost,
     * total_cost, current_gst). The GST amount changes only when sent; the total is stored again whenever a
     * cost part changes. A row of the old backend (total_cost NULL) gets the figures it reported stored with
     * its first update, so changing its rate afterwards no longer moves them.
     */
    void apply(Connection c, UUID id, Map<String, Object> row, UUID callerProfileId) throws SQLException {
        Refs.mustExist(c, "buses", busId, "bus_id", "Bus");
        Refs.mustExist(c, "profiles", approvedBy, "approved_by", "Profile");
        boolean legacy = row.get("total_cost") == null;
        boolean costChanged = parts != null || labor != null || sentGst != null;
        if (costChanged || (legacy && !patch.isEmpty())) {
            RepairMoney.Figures f = RepairMoney.onUpdate(
                    RepairRoutes.orZero((BigDecimal) row.get("parts_cost")),
                    RepairRoutes.orZero((BigDecimal) row.get("labor_cost")),
                    (BigDecimal) row.get("current_gst"), parts, labor, sentGst);
            patch.set("gst_amount", f.gstAmount()).set("total_cost", f.totalCost());
        }
        if ("approved".equals(status) && !"approved".equals(row.get("status"))) {
            if (!approvedBySent) {
                patch.set("approved_by", callerProfileId);
            }
            if (!approvedAtSent) {
                patch.setSql("approved_at", "now()");
            }
        }
        patch.apply(c, "repair_records", id);
    }

    private static <T> T notNull(T value, String field) {
        if (value == null) {
            throw ApiException.invalidField(field, "Field cannot be null");
        }
        return value;
    }
}
