package busmanager.schedules;

import busmanager.db.Insert;
import busmanager.db.Patch;
import busmanager.db.Refs;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * The checked fields of a schedule body (api.md §10.4/§10.5). A field is null when the body does not set it;
 * {@code clear*} flags tell an explicit null (clear the column) from an absent key. Times keep hour and
 * minute only.
 */
record ScheduleInput(UUID busId, UUID routeId, UUID driverId, boolean driverGiven, List<String> days,
                     LocalTime departure, LocalTime arrival, Boolean twoWay, LocalTime returnDeparture,
                     boolean returnDepartureGiven, LocalTime returnArrival, boolean returnArrivalGiven,
                     Boolean active, String notes, boolean notesGiven, Boolean overnight, Boolean arrivalNextDay,
                     BigDecimal turnaroundHours, boolean turnaroundGiven) {
    static final List<String> WEEK = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday");
    private static final int MAX_NOTES = 2000;

    /** Reads every known field; on create the required ones must be there. */
    static ScheduleInput read(JsonBody b, boolean create) {
        UUID bus = create ? b.requiredUuid("bus_id") : notNull(b, "bus_id", b.uuid("bus_id"));
        UUID route = create ? b.requiredUuid("route_id") : notNull(b, "route_id", b.uuid("route_id"));
        LocalTime departure = create ? b.requiredTime("departure_time") : notNull(b, "departure_time",
                b.time("departure_time"));
        LocalTime arrival = create ? b.requiredTime("arrival_time") : notNull(b, "arrival_time",
                b.time("arrival_time"));
        return new ScheduleInput(bus, route, b.uuid("driver_id"), b.has("driver_id"), days(b),
                minutes(departure), minutes(arrival), notNull(b, "is_two_way", b.bool("is_two_way")),
                minutes(b.time("return_departure_time")), b.has("return_departure_time"),
                minutes(b.time("return_arrival_time")), b.has("return_arrival_time"),
                notNull(b, "is_active", b.bool("is_active")), b.text("notes", MAX_NOTES), b.has("notes"),
                b.bool("is_overnight"), b.bool("arrival_next_day"), b.nonNegativeDecimal("turnaround_hours"),
                b.has("turnaround_hours"));
    }

    /** A key sent as null (or "") for a column that cannot be empty is a 422, not a database error. */
    private static <T> T notNull(JsonBody b, String key, T value) {
        if (value == null && b.has(key)) {
            throw ApiException.invalidField(key, "Field cannot be null");
        }
        return value;
    }

    /** Lower-case English day names, each at most once, in week order; null when the key is absent. */
    private static List<String> days(JsonBody b) {
        if (!b.has("days_of_week")) {
            return null;
        }
        List<String> given = b.textList("days_of_week", 7 * 4, 32);
        if (given == null) {
            return List.of();
        }
        for (String day : given) {
            if (!WEEK.contains(day)) {
                throw ApiException.invalidField("days_of_week", "'" + day
                        + "' is not a day of the week (use monday, tuesday, wednesday, thursday, friday, "
                        + "saturday or sunday)");
            }
        }
        return WEEK.stream().filter(given::contains).toList();
    }

    private static LocalTime minutes(LocalTime t) {
        return t == null ? null : t.withSecond(0).withNano(0);
    }

    /** 422 naming the field for an id that names no row. */
    void checkReferences(Connection c) throws SQLException {
        Refs.mustExist(c, "buses", busId, "bus_id", "Bus");
        Refs.mustExist(c, "routes", routeId, "route_id", "Route");
        Refs.mustExist(c, "profiles", driverId, "driver_id", "Driver");
    }

    Insert insert() {
        return Insert.into("bus_schedules")
                .value("bus_id", busId)
                .value("route_id", routeId)
                .value("driver_id", driverId)
                .value("days_of_week", days == null ? List.of() : days)
                .value("departure_time", departure)
                .value("arrival_time", arrival)
                .value("is_two_way", twoWay == null || twoWay)
                .value("return_departure_time", returnDeparture)
                .value("return_arrival_time", returnArrival)
                .value("is_active", active == null || active)
                .value("notes", notes)
                .value("is_overnight", overnight != null ? overnight : arrival.isBefore(departure))
                .value("arrival_next_day", arrivalNextDay != null && arrivalNextDay)
                .value("turnaround_hours", turnaroundHours == null ? new BigDecimal(3) : turnaroundHours);
    }

    /**
     * The partial update. When a time changes and {@code is_overnight} is not sent, it follows the new times
     * ({@code storedDeparture}/{@code storedArrival} are the row's current values).
     */
    Patch patch(LocalTime storedDeparture, LocalTime storedArrival) {
        Patch p = new Patch();
        if (busId != null) {
            p.set("bus_id", busId);
        }
        if (routeId != null) {
            p.set("route_id", routeId);
        }
        if (driverGiven) {
            p.set("driver_id", driverId);
        }
        if (days != null) {
            p.set("days_of_week", days);
        }
        if (departure != null) {
            p.set("departure_time", departure);
        }
        if (arrival != null) {
            p.set("arrival_time", arrival);
        }
        if (twoWay != null) {
            p.set("is_two_way", twoWay);
        }
        if (returnDepartureGiven) {
            p.set("return_departure_time", returnDeparture);
        }
        if (returnArrivalGiven) {
            p.set("return_arrival_time", returnArrival);
        }
        if (active != null) {
            p.set("is_active", active);
        }
        if (notesGiven) {
            p.set("notes", notes);
        }
        if (overnight != null) {
            p.set("is_overnight", overnight);
        } else if (departure != null || arrival != null) {
            LocalTime dep = departure != null ? departure : storedDeparture;
            LocalTime arr = arrival != null ? arrival : storedArrival;
            p.set("is_overnight", arr.isBefore(dep));
        }
        if (arrivalNextDay != null) {
            p.set("arrival_next_day", arrivalNextDay);
        }
        if (turnaroundGiven) {
            p.set("turnaround_hours", turnaroundHours);
        }
        return p;
    }
}
