package busmanager.schedules;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.db.Where;
import busmanager.http.ApiException;
import busmanager.http.Json;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Weekly schedules and the trips generated from them (api.md §10). */
public final class ScheduleRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRoutes.class);
    private static final String NOT_FOUND = "Schedule not found";

    /** The Schedule object of api.md §10, for list, get and the reload after a write. */
    static final String SCHEDULE_JSON = """
            SELECT json_build_object('id', s.id, 'bus_id', s.bus_id, 'route_id', s.route_id,
              'driver_id', s.driver_id, 'days_of_week', s.days_of_week, 'departure_time', s.departure_time,
              'arrival_time', s.arrival_time, 'is_two_way', s.is_two_way,
              'return_departure_time', s.return_departure_time, 'return_arrival_time', s.return_arrival_time,
              'is_active', s.is_active, 'notes', s.notes, 'is_overnight', s.is_overnight,
              'arrival_next_day', s.arrival_next_day, 'turnaround_hours', COALESCE(s.turnaround_hours, 3),
              'bus', CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('id', b.id,
                'registration_number', b.registration_number, 'bus_name', b.bus_name) END,
              'route', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id,
                'route_name', r.route_name) END,
              'driver', CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id,
                'full_name', p.full_name) END,
              'created_at', s.created_at, 'updated_at', s.updated_at)::text
            FROM bus_schedules s
            LEFT JOIN buses b ON b.id = s.bus_id
            LEFT JOIN routes r ON r.id = s.route_id
            LEFT JOIN profiles p ON p.id = s.driver_id""";

    private final Database db;
    private final Deps deps;
    private final TripGenerator generator;

    public ScheduleRoutes(Deps deps) {
        this.deps = deps;
        this.db = deps.db();
        this.generator = new TripGenerator(deps);
    }

    public Reply list(Request req) {
        var q = req.query();
        Where w = new Where().and("s.bus_id = ?", q.uuid("bus_id")).and("s.is_active = ?", q.bool("is_active"));
        return db.list(SCHEDULE_JSON + w.sql() + " ORDER BY s.departure_time, s.created_at, s.id", w.params());
    }

    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("schedule_id", NOT_FOUND);
        return Reply.json(found(db.one(SCHEDULE_JSON + " WHERE s.id = ?", id)));
    }

    public Reply create(Request req) throws Exception {
        ScheduleInput in = ScheduleInput.read(req.body(), true);
        UUID id = db.tx(c -> {
            in.checkReferences(c);
            return in.insert().execute(c);
        });
        return Reply.json(db.one(SCHEDULE_JSON + " WHERE s.id = ?", id));
    }

    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("schedule_id", NOT_FOUND);
        ScheduleInput in = ScheduleInput.read(req.body(), false);
        db.tx(c -> {
            Map<String, Object> stored = Sql.row(c,
                    "SELECT departure_time, arrival_time FROM bus_schedules WHERE id = ? FOR UPDATE", id);
            if (stored == null) {
                throw ApiException.notFound(NOT_FOUND);
            }
            in.checkReferences(c);
            in.patch((LocalTime) stored.get("departure_time"), (LocalTime) stored.get("arrival_time"))
                    .apply(c, "bus_schedules", id);
            return null;
        });
        return Reply.json(db.one(SCHEDULE_JSON + " WHERE s.id = ?", id));
    }

    /** Trips made from the schedule stay, with schedule_id cleared (the foreign key has no ON DELETE action). */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("schedule_id", NOT_FOUND);
        db.tx(c -> {
            // Locking the row first makes a concurrent generation wait, so no new trip can slip in between.
            if (!Sql.exists(c, "SELECT 1 FROM bus_schedules WHERE id = ? FOR UPDATE", id)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            Sql.update(c, "UPDATE trips SET schedule_id = NULL WHERE schedule_id = ?", id);
            Sql.update(c, "DELETE FROM bus_schedules WHERE id = ?", id);
            return null;
        });
        return Reply.message("Schedule deleted successfully");
    }

    /** POST /schedules/generate-trips: today's trips (business zone) from the active schedules. */
    public Reply generateTrips(Request req) {
        try {
            Map<String, Object> result = generator.generate(deps.today()).toMap();
            return Reply.json(Json.write(g -> Json.writeValue(g, result)));
        } catch (SQLException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            LOG.error("Trip generation failed", e);
            throw new ApiException(500, "Trip generation failed: " + TripGenerator.shortMessage(e));
        }
    }

    private static String found(String json) {
        if (json == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return json;
    }
}
