package busmanager.buses;

import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Patch;
import busmanager.db.Refs;
import busmanager.db.Sql;
import busmanager.db.Where;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** Buses (api.md §3): admins see every field, other roles only what a trip form needs. */
public final class BusRoutes {
    /** BusFull: shares and tax amount report their defaults only when the column is NULL. */
    static final String BUS_FULL = """
            json_build_object('id', b.id, 'registration_number', b.registration_number, 'bus_name', b.bus_name,
              'capacity', b.capacity, 'bus_type', b.bus_type, 'status', b.status,
              'insurance_expiry', b.insurance_expiry, 'puc_expiry', b.puc_expiry, 'fitness_expiry', b.fitness_expiry,
              'ownership_type', b.ownership_type, 'partner_name', b.partner_name,
              'company_profit_share', COALESCE(b.company_profit_share, 100),
              'partner_profit_share', COALESCE(b.partner_profit_share, 0),
              'home_state_id', b.home_state_id, 'monthly_tax_amount', COALESCE(b.monthly_tax_amount, 0),
              'tax_due_day', b.tax_due_day, 'last_tax_paid_date', b.last_tax_paid_date,
              'next_tax_due_date', b.next_tax_due_date,
              'home_state', CASE WHEN s.id IS NULL THEN NULL
                ELSE json_build_object('id', s.id, 'state_name', s.state_name, 'state_code', s.state_code) END,
              'created_at', b.created_at, 'updated_at', b.updated_at)::text
            FROM buses b LEFT JOIN indian_states s ON s.id = b.home_state_id""";
    static final String BUS_LIMITED = """
            json_build_object('id', b.id, 'registration_number', b.registration_number, 'bus_name', b.bus_name,
              'capacity', b.capacity, 'bus_type', b.bus_type, 'status', b.status)::text
            FROM buses b""";
    private static final String NOT_FOUND = "Bus not found";

    private final Database db;

    public BusRoutes(Database db) {
        this.db = db;
    }

    private static String select(Request req) {
        return "SELECT " + (req.user().isAdmin() ? BUS_FULL : BUS_LIMITED);
    }

    public Reply list(Request req) {
        String status = req.query().enumValue("status", BusForm.STATUSES);
        Where where = new Where().and("b.status = ?::bus_status", status);
        return db.list(select(req) + where.sql() + " ORDER BY b.registration_number, b.created_at, b.id",
                where.params());
    }

    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("bus_id", NOT_FOUND);
        String json = db.one(select(req) + " WHERE b.id = ?", id);
        if (json == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.json(json);
    }

    public Reply create(Request req) throws Exception {
        BusForm form = BusForm.forCreate(req.body());
        UUID id = db.tx(c -> {
            Refs.mustExist(c, "indian_states", form.homeStateId(), "home_state_id", "State");
            Insert insert = Insert.into("buses");
            for (BusForm.Column col : form.columns()) {
                if (col.pgType() == null) {
                    insert.value(col.name(), col.value());
                } else {
                    insert.value(col.name(), col.value(), col.pgType());
                }
            }
            return insert.execute(c);
        });
        return reload(id);
    }

    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("bus_id", NOT_FOUND);
        JsonBody body = req.body();
        db.tx(c -> {
            Map<String, Object> stored = Sql.row(c, """
                    SELECT ownership_type::text AS ownership_type, partner_name, company_profit_share,
                           partner_profit_share
                    FROM buses WHERE id = ? FOR UPDATE""", id);
            if (stored == null) {
                throw ApiException.notFound(NOT_FOUND);
            }
            BusForm form = BusForm.forUpdate(body, BusForm.Ownership.of(stored));
            Refs.mustExist(c, "indian_states", form.homeStateId(), "home_state_id", "State");
            Patch patch = new Patch();
            for (BusForm.Column col : form.columns()) {
                if (col.pgType() == null) {
                    patch.set(col.name(), col.value());
                } else {
                    patch.set(col.name(), col.value(), col.pgType());
                }
            }
            return patch.apply(c, "buses", id);
        });
        return reload(id);
    }

    private Reply reload(UUID id) throws SQLException {
        return Reply.json(db.one("SELECT " + BUS_FULL + " WHERE b.id = ?", id));
    }

    /**
     * api.md §3.5: trips, invoices and repair records outlive the bus with {@code bus_id} NULL (snapshots
     * kept); trips made from its schedules lose the schedule link; schedules and tax records go with the bus.
     */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("bus_id", NOT_FOUND);
        return db.tx(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM buses WHERE id = ? FOR UPDATE", id)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            detachReferences(c, id);
            try {
                Sql.update(c, "DELETE FROM buses WHERE id = ?", id);
            } catch (SQLException e) {
                if (Sql.isForeignKeyViolation(e)) { // a table this flow does not know still points at the bus
                    throw ApiException.conflict("Cannot delete bus: other records still reference it");
                }
                throw e;
            }
            return Reply.message("Bus deleted successfully");
        });
    }

    private static void detachReferences(Connection c, UUID busId) throws SQLException {
        Sql.update(c, "UPDATE trips SET bus_id = NULL WHERE bus_id = ?", busId);
        Sql.update(c, "UPDATE invoices SET bus_id = NULL WHERE bus_id = ?", busId);
        Sql.update(c, "UPDATE repair_records SET bus_id = NULL WHERE bus_id = ?", busId);
        Sql.update(c, "UPDATE trips SET schedule_id = NULL "
                + "WHERE schedule_id IN (SELECT id FROM bus_schedules WHERE bus_id = ?)", busId);
    }
}
