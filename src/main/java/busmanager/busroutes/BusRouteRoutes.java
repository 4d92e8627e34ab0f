package busmanager.busroutes;

import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Patch;
import busmanager.db.Refs;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** Routes between states (api.md §4). The package is not called "routes" to keep clear of the route table. */
public final class BusRouteRoutes {
    static final String ROUTE_JSON = """
            json_build_object('id', r.id, 'route_name', r.route_name, 'from_state_id', r.from_state_id,
              'to_state_id', r.to_state_id, 'from_address', r.from_address, 'to_address', r.to_address,
              'distance_km', r.distance_km, 'estimated_duration_hours', r.estimated_duration_hours,
              'from_state', CASE WHEN fs.id IS NULL THEN NULL
                ELSE json_build_object('id', fs.id, 'state_name', fs.state_name, 'state_code', fs.state_code) END,
              'to_state', CASE WHEN ts.id IS NULL THEN NULL
                ELSE json_build_object('id', ts.id, 'state_name', ts.state_name, 'state_code', ts.state_code) END,
              'created_at', r.created_at, 'updated_at', r.updated_at)::text
            FROM routes r LEFT JOIN indian_states fs ON fs.id = r.from_state_id
              LEFT JOIN indian_states ts ON ts.id = r.to_state_id""";
    private static final String NOT_FOUND = "Route not found";
    private static final int MAX_NAME = 200;
    private static final int MAX_ADDRESS = 500;

    private final Database db;

    public BusRouteRoutes(Database db) {
        this.db = db;
    }

    public Reply list(Request req) {
        return db.list("SELECT " + ROUTE_JSON + " ORDER BY r.route_name, r.created_at, r.id");
    }

    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("route_id", NOT_FOUND);
        String json = db.one("SELECT " + ROUTE_JSON + " WHERE r.id = ?", id);
        if (json == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.json(json);
    }

    public Reply create(Request req) throws Exception {
        JsonBody body = req.body();
        String name = body.requiredText("route_name", MAX_NAME).strip();
        UUID from = body.requiredUuid("from_state_id");
        UUID to = body.requiredUuid("to_state_id");
        Insert insert = Insert.into("routes")
                .value("route_name", name)
                .value("from_state_id", from)
                .value("to_state_id", to)
                .value("from_address", body.text("from_address", MAX_ADDRESS))
                .value("to_address", body.text("to_address", MAX_ADDRESS))
                .value("distance_km", body.nonNegativeDecimal("distance_km"))
                .value("estimated_duration_hours", body.nonNegativeDecimal("estimated_duration_hours"));
        UUID id = db.tx(c -> {
            Refs.mustExist(c, "indian_states", from, "from_state_id", "State");
            Refs.mustExist(c, "indian_states", to, "to_state_id", "State");
            return insert.execute(c);
        });
        return reload(id);
    }

    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("route_id", NOT_FOUND);
        JsonBody body = req.body();
        Patch patch = new Patch();
        if (body.has("route_name")) {
            patch.set("route_name", body.requiredText("route_name", MAX_NAME).strip());
        }
        UUID from = body.has("from_state_id") ? body.requiredUuid("from_state_id") : null;
        UUID to = body.has("to_state_id") ? body.requiredUuid("to_state_id") : null;
        if (from != null) {
            patch.set("from_state_id", from);
        }
        if (to != null) {
            patch.set("to_state_id", to);
        }
        for (String key : new String[] {"from_address", "to_address"}) {
            if (body.has(key)) {
                patch.set(key, body.text(key, MAX_ADDRESS));
            }
        }
        for (String key : new String[] {"distance_km", "estimated_duration_hours"}) {
            if (body.has(key)) {
                patch.set(key, body.nonNegativeDecimal(key));
            }
        }
        db.tx(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM routes WHERE id = ? FOR UPDATE", id)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            Refs.mustExist(c, "indian_states", from, "from_state_id", "State");
            Refs.mustExist(c, "indian_states", to, "to_state_id", "State");
            return patch.apply(c, "routes", id);
        });
        return reload(id);
    }

    private Reply reload(UUID id) throws SQLException {
        return Reply.json(db.one("SELECT " + ROUTE_JSON + " WHERE r.id = ?", id));
    }

    /** api.md §4.5: refused while trips use the route; otherwise its schedules go first, then the route. */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("route_id", NOT_FOUND);
        return db.tx(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM routes WHERE id = ? FOR UPDATE", id)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            long trips = Sql.count(c, "SELECT count(*) FROM trips WHERE route_id = ?", id);
            if (trips > 0) {
                throw ApiException.conflict("Cannot delete route: it is used by " + trips + " trip(s)");
            }
            deleteSchedules(c, id);
            try {
                Sql.update(c, "DELETE FROM routes WHERE id = ?", id);
            } catch (SQLException e) {
                if (Sql.isForeignKeyViolation(e)) { // a trip added meanwhile, or a table this flow does not know
                    throw ApiException.conflict("Cannot delete route: other records still reference it");
                }
                throw e;
            }
            return Reply.message("Route deleted successfully");
        });
    }

    /** A trip of another route may still name one of these schedules (its route was edited): keep the trip. */
    private static void deleteSchedules(Connection c, UUID routeId) throws SQLException {
        Sql.update(c, "UPDATE trips SET schedule_id = NULL "
                + "WHERE schedule_id IN (SELECT id FROM bus_schedules WHERE route_id = ?)", routeId);
        Sql.update(c, "DELETE FROM bus_schedules WHERE route_id = ?", routeId);
    }
}
