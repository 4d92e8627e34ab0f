package busmanager.repairs;

import busmanager.Deps;
import busmanager.auth.Principal;
import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Refs;
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
import java.util.Set;
import java.util.UUID;

/**
 * Repair records filed by outside workshops (api.md §13.1, §13.7-§13.10). Workshops (role repair_org) see and
 * file records of their own organization; admins see all and approve; drivers have no access.
 */
public final class RepairRoutes {
    static final String NOT_FOUND = "Repair record not found";
    static final Set<String> TYPES = Set.of("repair", "resole", "new");
    static final Set<String> STATUSES = Set.of("submitted", "approved", "rejected", "completed");
    static final int MAX_SHORT = 50;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Deps deps;
    private final Database db;

    public RepairRoutes(Deps deps) {
        this.deps = deps;
        this.db = deps.db();
    }

    /** GET /repairs — admin: all; repair_org: its organization's; drivers: none. Newest repair date first. */
    public Reply list(Request req) throws SQLException {
        Query q = req.query();
        Where where = new Where()
                .and("r.organization_id = ?", q.uuid("organization_id"))
                .and("r.status = ?", q.enumValue("status", STATUSES))
                .and("r.repair_date >= ?", q.date("from_date"))
                .and("r.repair_date <= ?", q.date("to_date"));
        Integer limit = q.limit();
        int offset = q.offset();
        Principal who = req.user();
        if (!who.isAdmin()) {
            UUID own = who.isRepairOrg() ? RepairOrgRoutes.ownOrganization(db, who) : null;
            if (own == null) {
                return Reply.json("[]");
            }
            where.always("r.organization_id = ?", own);
        }
        return db.list("SELECT " + RepairSql.REPAIR_JSON + RepairSql.FROM + where.sql()
                + " ORDER BY r.repair_date DESC, r.created_at DESC, r.id" + Where.page(limit, offset), where.params());
    }

    /** GET /repairs/{repair_id} */
    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("repair_id", NOT_FOUND);
        Principal who = req.user();
        if (!who.isAdmin() && !who.isRepairOrg()) {
            throw ApiException.forbidden("Access denied");
        }
        UUID org = db.read(c -> Sql.uuid(c, "SELECT organization_id FROM repair_records WHERE id = ?", id));
        if (org == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        if (who.isRepairOrg() && !org.equals(RepairOrgRoutes.ownOrganization(db, who))) {
            throw ApiException.forbidden("Access denied");
        }
        return Reply.json(db.one(RepairSql.SELECT_REPAIR, id));
    }

    /** POST /repairs — repair_org only; the organization is the caller's, the status always submitted. */
    public Reply create(Request req) throws Exception {
        JsonBody b = req.body();
        UUID busId = b.uuid("bus_id");
        BigDecimal parts = orZero(b.nonNegativeDecimal("parts_cost"));
        BigDecimal labor = orZero(b.nonNegativeDecimal("labor_cost"));
        Boolean applicableSent = b.bool("gst_applicable");
        boolean gstApplicable = applicableSent == null || applicableSent;
        BigDecimal rate = percentage(b);
        RepairMoney.Figures money = RepairMoney.onCreate(parts, labor, gstApplicable,
                rate == null ? BigDecimal.valueOf(18) : rate, b.nonNegativeDecimal("gst_amount"));
        Integer warranty = nonNegativeInt(b, "warranty_days");
        Insert insert = Insert.into("repair_records")
                .value("repair_number", b.requiredText("repair_number", MAX_SHORT).strip())
                .value("bus_id", busId)
                .value("bus_registration", b.requiredText("bus_registration", MAX_SHORT).strip())
                .value("repair_date", b.date("repair_date") == null ? deps.today() : b.date("repair_date"))
                .value("repair_type", b.requiredEnum("repair_type", TYPES))
                .value("description", b.requiredText("description"))
                .value("parts_changed", b.text("parts_changed"))
                .value("parts_cost", parts)
                .value("labor_cost", labor)
                .value("gst_applicable", gstApplicable)
                .value("gst_percentage", rate == null ? BigDecimal.valueOf(18) : rate)
                .value("gst_amount", money.gstAmount())
                .value("total_cost", money.totalCost())
                .value("warranty_days", warranty == null ? 0 : warranty)
                .value("notes", b.text("notes"))
                .value("photo_before_url", b.safeUrl("photo_before_url"))
                .value("photo_after_url", b.safeUrl("photo_after_url"))
                .value("status", "submitted")
                .value("submitted_by", req.user().profileId());
        UUID id = db.tx(c -> {
            UUID org = RepairOrgRoutes.ownOrganization(c, req.user());
            // FOR SHARE: the organization cannot be deleted while the record is being written.
            if (org == null || !Sql.exists(c, "SELECT 1 FROM repair_organizations WHERE id = ? FOR SHARE", org)) {
                throw ApiException.badRequest("Repair organization not configured");
            }
            Refs.mustExist(c, "buses", busId, "bus_id", "Bus");
            return insert.value("organization_id", org).execute(c);
        });
        return Reply.json(db.one(RepairSql.SELECT_REPAIR, id));
    }

    /**
     * PUT /repairs/{repair_id} — admin: any field, status and approval stamps; repair_org: its own
     * organization's records while they are submitted; anyone else 403.
     */
    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("repair_id", NOT_FOUND);
        Principal who = req.user();
        if (!who.isAdmin() && !who.isRepairOrg()) {
            throw ApiException.forbidden("Access denied");
        }
        RepairUpdate update = RepairUpdate.read(req.body(), who.isAdmin());
        db.tx(c -> {
            Map<String, Object> row = Sql.row(c, "SELECT r.organization_id, r.status, r.parts_cost, r.labor_cost, "
                    + "r.total_cost, " + RepairSql.GST_AMOUNT + " AS current_gst FROM repair_records r "
                    + "WHERE r.id = ? FOR UPDATE", id);
            if (row == null) {
                throw ApiException.notFound(NOT_FOUND);
            }
            if (who.isRepairOrg()) {
                if (!row.get("organization_id").equals(RepairOrgRoutes.ownOrganization(c, who))) {
                    throw ApiException.forbidden("Access denied");
                }
                if (!"submitted".equals(row.get("status"))) {
                    throw ApiException.badRequest("Cannot update approved/rejected record");
                }
            }
            update.apply(c, id, row, who.profileId());
            return null;
        });
        return Reply.json(db.one(RepairSql.SELECT_REPAIR, id));
    }

    /** DELETE /repairs/{repair_id} — admin. */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("repair_id", NOT_FOUND);
        if (db.tx(c -> Sql.update(c, "DELETE FROM repair_records WHERE id = ?", id)) == 0) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.message("Repair record deleted successfully");
    }

    static BigDecimal percentage(JsonBody b) {
        BigDecimal p = b.nonNegativeDecimal("gst_percentage");
        if (p != null && p.compareTo(HUNDRED) > 0) {
            throw ApiException.invalidField("gst_percentage", "Input should be less than or equal to 100");
        }
        return p;
    }

    static Integer nonNegativeInt(JsonBody b, String key) {
        Integer n = b.integer(key);
        if (n != null && n < 0) {
            throw ApiException.invalidField(key, "Input should be greater than or equal to 0");
        }
        return n;
    }

    static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }
}
