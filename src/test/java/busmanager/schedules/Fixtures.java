package busmanager.schedules;

import busmanager.testing.ApiServer;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Rows the schedule and job tests need, made with plain SQL (buses, routes and drivers have their own APIs). */
public final class Fixtures {
    private final ApiServer api;
    private int counter;

    public Fixtures(ApiServer api) {
        this.api = api;
    }

    /** A driver login: token, profile id and auth user id. */
    public record Driver(String token, UUID profileId, UUID userId, String name) {
    }

    public UUID bus(String registration, String name) {
        return api.sqlUuid("INSERT INTO buses (registration_number, bus_name) VALUES (?, ?) RETURNING id",
                registration, name);
    }

    public UUID bus() {
        return bus("KA01F" + (1000 + ++counter), "Volvo " + counter);
    }

    public UUID route(String name) {
        return api.sqlUuid("INSERT INTO routes (route_name, from_state_id, to_state_id) SELECT ?, "
                + "(SELECT id FROM indian_states WHERE state_code = 'KA' LIMIT 1), "
                + "(SELECT id FROM indian_states WHERE state_code = 'TN' LIMIT 1) RETURNING id", name);
    }

    public Driver driver(String name) {
        String email = api.createUser("driver", name, "secret123", null);
        String token = api.login(email, "secret123");
        UUID userId = api.sqlUuid("SELECT id FROM auth.users WHERE email = ?", email);
        UUID profileId = api.sqlUuid("SELECT id FROM profiles WHERE user_id = ?", userId);
        return new Driver(token, profileId, userId, name);
    }

    /** A schedule straight into the table. */
    public UUID schedule(UUID bus, UUID route, UUID driver, List<String> days, String departure, String arrival,
                         boolean twoWay, String returnDeparture, String returnArrival) {
        return api.sqlUuid("""
                INSERT INTO bus_schedules (bus_id, route_id, driver_id, days_of_week, departure_time, arrival_time,
                  is_two_way, return_departure_time, return_arrival_time)
                VALUES (?, ?, ?, ?::text[], ?::time, ?::time, ?, ?::time, ?::time) RETURNING id""",
                bus, route, driver, "{" + String.join(",", days) + "}", departure, arrival, twoWay,
                returnDeparture, returnArrival);
    }

    public UUID trip(String number, UUID bus, UUID driver, UUID route, String status, String startUtc) {
        return api.sqlUuid("INSERT INTO trips (trip_number, bus_id, driver_id, route_id, status, start_date) "
                + "VALUES (?, ?, ?, ?, ?::trip_status, ?::timestamptz) RETURNING id", number, bus, driver, route,
                status, startUtc);
    }

    public static LocalTime time(String hhmm) {
        return LocalTime.parse(hhmm);
    }
}
