package busmanager.trips;

import busmanager.testing.ApiServer;
import java.util.UUID;

/** Rows the trip and expense tests arrange directly in the database. */
public final class TripFixtures {
    private final ApiServer api;

    public TripFixtures(ApiServer api) {
        this.api = api;
    }

    public UUID route(String name) {
        return api.sqlUuid("""
                INSERT INTO routes (route_name, from_state_id, to_state_id, from_address, to_address, distance_km)
                SELECT ?, s.id, s.id, 'Bengaluru', 'Chennai', 350
                FROM (SELECT id FROM indian_states ORDER BY state_name LIMIT 1) s RETURNING id""", name);
    }

    public UUID bus(String registration, String name) {
        return api.sqlUuid("INSERT INTO buses (registration_number, bus_name) VALUES (?, ?) RETURNING id",
                registration, name);
    }

    /** A trip made the way the old stack stored them; {@code start} is an ISO instant such as 2025-01-15T10:30:00Z. */
    public UUID trip(String number, UUID routeId, UUID busId, UUID driverId, String status, String start) {
        return api.sqlUuid("""
                INSERT INTO trips (trip_number, route_id, bus_id, driver_id, status, start_date)
                VALUES (?, ?, ?, ?, ?::trip_status, ?::timestamptz) RETURNING id""",
                number, routeId, busId, driverId, status, start);
    }

    /** A scheduled trip for the driver on a new route and bus. */
    public UUID tripFor(UUID driverId) {
        String n = unique("TRP");
        return trip(n, route("Route " + n), bus("KA01" + n, "Bus " + n), driverId, "scheduled", "2025-01-15T10:30:00Z");
    }

    public UUID category(String name) {
        return api.sqlUuid("SELECT id FROM expense_categories WHERE name = ?", name);
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
