package busmanager.trips;

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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** Trips (api.md §6): lists, one trip, create and delete; updates are in {@link TripUpdate}. */
public final class TripRoutes {
    static final int MAX_TRIP_NUMBER = 50;

    private final Database db;
    private final TripUpdate update;

    public TripRoutes(Deps deps) {
        this.db = deps.db();
        this.update = new TripUpdate(deps);
    }

    /** GET /trips: admin sees every trip, a driver only their own, a repair organization none. */
    public Reply list(Request req) {
        Query q = req.query();
        Where where = filters(q);
        Integer limit = q.limit();
        int offset = q.offset();
        Principal who = req.user();
        if (who.isAdmin()) {
            return page(where, limit, offset);
        }
        if (who.isDriver()) {
            return page(where.always("t.driver_id = ?", who.profileId()), limit, offset);
        }
        return Reply.json("[]");
    }

    /** GET /trips/my: the caller's own trips, whatever the role. */
    public Reply listMine(Request req) {
        Query q = req.query();
        Where where = filters(q).always("t.driver_id = ?", req.user().profileId());
        return page(where, q.limit(), q.offset());
    }

    private static Where filters(Query q) {
        return new Where()
                .and("t.status = ?::trip_status", q.enumValue("status", TripSql.STATUSES))
                .and("t.driver_id = ?", q.uuid("driver_id"))
                .and("t.bus_id = ?", q.uuid("bus_id"))
                .and(TripSql.TRIP_DAY + " >= ?", q.date("from_date"))
                .and(TripSql.TRIP_DAY + " <= ?", q.date("to_date"))
                .and("t.start_date >= ?", q.timestamp("start_date"))
                .and("t.start_date <= ?", q.timestamp("end_date"));
    }

    private Reply page(Where where, Integer limit, int offset) {
        return db.list(TripSql.SELECT + where.sql() + TripSql.ORDER + Where.page(limit, offset), where.params());
    }

    /** GET /trips/{trip_id}. */
    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("trip_id", "Trip not found");
        Map<String, Object> row = db.read(c -> Sql.row(c,
                "SELECT t.driver_id AS driver_id, " + TripSql.JSON + " AS trip" + TripSql.FROM + " WHERE t.id = ?", id));
        if (row == null) {
            throw ApiException.notFound("Trip not found");
        }
        requireAccess(req.user(), (UUID) row.get("driver_id"));
        return Reply.json((String) row.get("trip"));
    }

    /** Admins reach every trip; anyone else only the trips they drive. */
    static void requireAccess(Principal who, UUID tripDriverId) {
        if (!who.isAdmin() && !(who.isDriver() && who.profileId().equals(tripDriverId))) {
            throw ApiException.forbidden("Access denied");
        }
    }

    /** POST /trips. */
    public Reply create(Request req) throws Exception {
        JsonBody b = req.body();
        String tripNumber = b.requiredText("trip_number", MAX_TRIP_NUMBER).strip();
        UUID routeId = b.requiredUuid("route_id");
        UUID busId = b.uuid("bus_id");
        UUID driverId = b.uuid("driver_id");
        UUID scheduleId = b.uuid("schedule_id");
        OffsetDateTime start = b.requiredTimestamp("start_date");
        OffsetDateTime end = b.timestamp("end_date");
        LocalDate tripDate = b.date("trip_date");
        String status = b.enumValue("status", TripSql.STATUSES);
        String tripType = b.enumValue("trip_type", TripSql.TRIP_TYPES);
        String notes = b.text("notes");
        var departure = b.time("departure_time");
        var arrival = b.time("arrival_time");
        String json = db.tx(c -> {
            Refs.mustExist(c, "routes", routeId, "route_id", "Route");
            Refs.mustExist(c, "buses", busId, "bus_id", "Bus");
            Refs.mustExist(c, "profiles", driverId, "driver_id", "Driver");
            Refs.mustExist(c, "bus_schedules", scheduleId, "schedule_id", "Schedule");
            requireUniqueNumber(c, tripNumber, null);
            UUID id = Insert.into("trips")
                    .value("trip_number", tripNumber)
                    .value("route_id", routeId)
                    .value("bus_id", busId)
                    .value("driver_id", driverId)
                    .value("schedule_id", scheduleId)
                    .value("start_date", start)
                    .value("end_date", end)
                    .value("trip_date", tripDate != null ? tripDate
                            : start.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())
                    .value("status", status == null ? "scheduled" : status, "trip_status")
                    .value("trip_type", tripType == null ? "one_way" : tripType)
                    .value("notes", notes)
                    .value("departure_time", departure)
                    .value("arrival_time", arrival)
                    .value("bus_name_snapshot", busId == null ? null : Sql.text(c, TripSql.BUS_SNAPSHOT, busId))
                    .value("driver_name_snapshot",
                            driverId == null ? null : Sql.text(c, TripSql.DRIVER_SNAPSHOT, driverId))
                    .execute(c);
            return Sql.text(c, TripSql.SELECT_ONE, id);
        });
        return Reply.json(json);
    }

    /** 409 when another trip already has this number (the old schema does not enforce it). */
    static void requireUniqueNumber(Connection c, String tripNumber, UUID exceptTripId) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM trips WHERE trip_number = ? AND id IS DISTINCT FROM ?", tripNumber,
                exceptTripId)) {
            throw ApiException.conflict("Trip number " + tripNumber + " already exists");
        }
    }

    /** PUT /trips/{trip_id}. */
    public Reply update(Request req) throws Exception {
        return update.handle(req);
    }

    /**
     * DELETE /trips/{trip_id}: invoices keep existing without the trip, chain links to it are cleared, and the
     * trip's expenses go with it (ON DELETE CASCADE).
     */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("trip_id", "Trip not found");
        db.tx(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM trips WHERE id = ? FOR UPDATE", id)) {
                throw ApiException.notFound("Trip not found");
            }
            Sql.update(c, "UPDATE invoices SET trip_id = NULL WHERE trip_id = ?", id);
            Sql.update(c, "UPDATE trips SET next_trip_id = NULL WHERE next_trip_id = ?", id);
            Sql.update(c, "UPDATE trips SET previous_trip_id = NULL WHERE previous_trip_id = ?", id);
            return Sql.update(c, "DELETE FROM trips WHERE id = ?", id);
        });
        return Reply.message("Trip deleted successfully");
    }
}
