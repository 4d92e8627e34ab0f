package busmanager.trips;

import busmanager.Deps;
import busmanager.auth.Principal;
import busmanager.db.Database;
import busmanager.db.Patch;
import busmanager.db.Refs;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * PUT /trips/{trip_id} (api.md §6.5). Admins edit any field; drivers only readings, water, end_date and the
 * status steps Start and Complete. The trip row is locked first, so the stored status and water count the
 * rules compare against cannot change underneath; a repeated request therefore finds nothing left to do.
 */
final class TripUpdate {
    private static final List<String> ODOMETERS = List.of(
            "odometer_start", "odometer_end", "odometer_return_start", "odometer_return_end");
    private static final List<String> REVENUES = List.of(
            "revenue_cash", "revenue_online", "revenue_paytm", "revenue_others", "revenue_agent");
    private static final List<String> RETURN_REVENUES = List.of(
            "return_revenue_cash", "return_revenue_online", "return_revenue_paytm", "return_revenue_others",
            "return_revenue_agent");
    private static final List<String> TIMES = List.of(
            "departure_time", "arrival_time", "return_departure_time", "return_arrival_time");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Deps deps;
    private final Database db;

    TripUpdate(Deps deps) {
        this.deps = deps;
        this.db = deps.db();
    }

    /** What the rules need of the stored trip. */
    private record Stored(UUID driverId, UUID busId, String status, String tripNumber, Integer waterTaken,
                          OffsetDateTime endDate) {
    }

    /** Admin-only values that are checked against the database inside the transaction. */
    private record AdminInput(String tripNumber, boolean busSent, UUID busId, boolean driverSent, UUID driverId,
                              UUID routeId, boolean returnRevenueSent) {
    }

    Reply handle(Request req) throws Exception {
        UUID id = req.pathId("trip_id", "Trip not found");
        Principal who = req.user();
        JsonBody body = req.body();

        // Everything is validated before the row is locked; unknown keys (and, for drivers, keys they may not
        // change) are ignored.
        Patch patch = new Patch();
        for (String field : ODOMETERS) {
            if (body.has(field)) {
                patch.set(field, body.nonNegativeDecimal(field));
            }
        }
        boolean waterSent = body.has("water_taken");
        Integer water = waterSent ? nonNegativeInteger(body, "water_taken") : null;
        if (waterSent) {
            patch.set("water_taken", water);
        }
        String status = body.has("status") ? body.requiredEnum("status", TripSql.STATUSES) : null;
        boolean endSent = body.has("end_date");
        OffsetDateTime endDate = body.timestamp("end_date");
        AdminInput admin = who.isAdmin() ? readAdminFields(body, patch) : null;

        String json = db.tx(c -> {
            Stored trip = lock(c, id);
            TripRoutes.requireAccess(who, trip.driverId());
            boolean statusChanges = status != null && !status.equals(trip.status());
            if (statusChanges && admin == null && !driverMayMove(trip.status(), status)) {
                throw ApiException.badRequest("Invalid status change");
            }
            if (statusChanges) {
                patch.set("status", status, "trip_status");
            }
            // A repeated Start/Complete from a driver is no change: an end_date sent with it is dropped, so the
            // first completion time stays.
            boolean applyEnd = endSent && (admin != null || status == null || statusChanges);
            OffsetDateTime end = applyEnd ? endDate : trip.endDate();
            if (statusChanges && status.equals("completed") && end == null) {
                end = OffsetDateTime.now(deps.clock()).withOffsetSameInstant(ZoneOffset.UTC);
                applyEnd = true;
            }
            if (applyEnd) {
                patch.set("end_date", end);
            }
            if (admin != null) {
                applyAdminReferences(c, id, trip, admin, patch);
            }
            patch.apply(c, "trips", id);
            if (admin != null && admin.returnRevenueSent()) {
                Sql.update(c, """
                        UPDATE trips SET return_total_revenue = COALESCE(return_revenue_cash, 0)
                          + COALESCE(return_revenue_online, 0) + COALESCE(return_revenue_paytm, 0)
                          + COALESCE(return_revenue_others, 0) + COALESCE(return_revenue_agent, 0)
                        WHERE id = ?""", id);
            }
            if (waterSent) {
                String tripNumber = admin != null && admin.tripNumber() != null ? admin.tripNumber() : trip.tripNumber();
                WaterStock.move(c, id, tripNumber, valueOrZero(trip.waterTaken()), valueOrZero(water),
                        who.profileId(), deps.today());
            }
            return Sql.text(c, TripSql.SELECT_ONE, id);
        });
        return Reply.json(json);
    }

    private static Stored lock(Connection c, UUID id) throws SQLException {
        Map<String, Object> row = Sql.row(c, """
                SELECT driver_id, bus_id, status::text AS status, trip_number, water_taken, end_date
                FROM trips WHERE id = ? FOR UPDATE""", id);
        if (row == null) {
            throw ApiException.notFound("Trip not found");
        }
        return new Stored((UUID) row.get("driver_id"), (UUID) row.get("bus_id"), (String) row.get("status"),
                (String) row.get("trip_number"), (Integer) row.get("water_taken"),
                (OffsetDateTime) row.get("end_date"));
    }

    /** A driver may only Start (scheduled → in_progress) and Complete (in_progress → completed). */
    private static boolean driverMayMove(String from, String to) {
        return from.equals("scheduled") && to.equals("in_progress")
                || from.equals("in_progress") && to.equals("completed");
    }

    /** Adds the admin-only columns present in the body to the patch. */
    private static AdminInput readAdminFields(JsonBody body, Patch patch) {
        String tripNumber = null;
        if (body.has("trip_number")) {
            tripNumber = body.requiredText("trip_number", TripRoutes.MAX_TRIP_NUMBER).strip();
            patch.set("trip_number", tripNumber);
        }
        UUID routeId = null;
        if (body.has("route_id")) {
            routeId = body.requiredUuid("route_id");
            patch.set("route_id", routeId);
        }
        if (body.has("start_date")) {
            patch.set("start_date", body.requiredTimestamp("start_date"));
        }
        if (body.has("trip_date")) {
            patch.set("trip_date", body.date("trip_date"));
        }
        if (body.has("trip_type")) {
            patch.set("trip_type", body.requiredEnum("trip_type", TripSql.TRIP_TYPES));
        }
        if (body.has("notes")) {
            patch.set("notes", body.text("notes"));
        }
        for (String field : TIMES) {
            if (body.has(field)) {
                patch.set(field, body.time(field));
            }
        }
        boolean returnRevenueSent = false;
        for (String field : REVENUES) {
            if (body.has(field)) {
                patch.set(field, body.nonNegativeDecimal(field));
            }
        }
        for (String field : RETURN_REVENUES) {
            if (body.has(field)) {
                patch.set(field, body.nonNegativeDecimal(field));
                returnRevenueSent = true;
            }
        }
        if (body.has("gst_percentage")) {
            BigDecimal gst = body.nonNegativeDecimal("gst_percentage");
            if (gst != null && gst.compareTo(HUNDRED) > 0) {
                throw ApiException.invalidField("gst_percentage", "Input should be less than or equal to 100");
            }
            patch.set("gst_percentage", gst);
        }
        if (body.has("return_total_expense")) {
            patch.set("return_total_expense", body.nonNegativeDecimal("return_total_expense"));
        }
        if (body.has("return_total_revenue")) {
            BigDecimal total = body.nonNegativeDecimal("return_total_revenue");
            // With return channels in the request the total is recomputed from them after the update instead.
            if (!returnRevenueSent) {
                patch.set("return_total_revenue", total);
            }
        }
        boolean busSent = body.has("bus_id");
        UUID busId = body.uuid("bus_id");
        if (busSent) {
            patch.set("bus_id", busId);
        }
        boolean driverSent = body.has("driver_id");
        UUID driverId = body.uuid("driver_id");
        if (driverSent) {
            patch.set("driver_id", driverId);
        }
        return new AdminInput(tripNumber, busSent, busId, driverSent, driverId, routeId, returnRevenueSent);
    }

    /** Checks the ids an admin sent, and takes new bus/driver names as snapshots when the bus/driver changes. */
    private static void applyAdminReferences(Connection c, UUID id, Stored trip, AdminInput admin, Patch patch)
            throws SQLException {
        Refs.mustExist(c, "routes", admin.routeId(), "route_id", "Route");
        Refs.mustExist(c, "buses", admin.busId(), "bus_id", "Bus");
        Refs.mustExist(c, "profiles", admin.driverId(), "driver_id", "Driver");
        if (admin.tripNumber() != null && !admin.tripNumber().equals(trip.tripNumber())) {
            TripRoutes.requireUniqueNumber(c, admin.tripNumber(), id);
        }
        if (admin.busSent() && admin.busId() != null && !admin.busId().equals(trip.busId())) {
            patch.set("bus_name_snapshot", Sql.text(c, TripSql.BUS_SNAPSHOT, admin.busId()));
        }
        if (admin.driverSent() && admin.driverId() != null && !admin.driverId().equals(trip.driverId())) {
            patch.set("driver_name_snapshot", Sql.text(c, TripSql.DRIVER_SNAPSHOT, admin.driverId()));
        }
    }

    private static Integer nonNegativeInteger(JsonBody body, String field) {
        Integer n = body.integer(field);
        if (n != null && n < 0) {
            throw ApiException.invalidField(field, "Input should be greater than or equal to 0");
        }
        return n;
    }

    private static int valueOrZero(Integer n) {
        return Objects.requireNonNullElse(n, 0);
    }
}
