package busmanager.trips;

import java.util.Set;

/** The Trip object of api.md §6 as PostgreSQL builds it, and the pieces of SQL every trip query shares. */
final class TripSql {
    static final Set<String> STATUSES = Set.of("scheduled", "in_progress", "completed", "cancelled");
    static final Set<String> TRIP_TYPES = Set.of("one_way", "two_way");

    /** The day a trip belongs to (api.md §6.2); idx_trips_trip_day indexes exactly this expression. */
    static final String TRIP_DAY = "COALESCE(t.trip_date, (t.start_date AT TIME ZONE 'UTC')::date)";

    /**
     * One Trip as JSON text. Every key is always present; NULL money reads as its default, a stored 0 stays 0.
     * json_build_object takes at most 100 arguments: this uses 98, so a new key needs a nested object.
     */
    static final String JSON = """
            json_build_object(
              'id', t.id, 'trip_number', t.trip_number,
              'bus_id', t.bus_id, 'driver_id', t.driver_id, 'route_id', t.route_id, 'schedule_id', t.schedule_id,
              'start_date', t.start_date, 'end_date', t.end_date, 'trip_date', t.trip_date,
              'status', t.status, 'trip_type', t.trip_type, 'notes', t.notes,
              'bus_name_snapshot', t.bus_name_snapshot, 'driver_name_snapshot', t.driver_name_snapshot,
              'departure_time', t.departure_time, 'arrival_time', t.arrival_time,
              'return_departure_time', t.return_departure_time, 'return_arrival_time', t.return_arrival_time,
              'odometer_start', t.odometer_start, 'odometer_end', t.odometer_end,
              'odometer_return_start', t.odometer_return_start, 'odometer_return_end', t.odometer_return_end,
              'distance_traveled', t.distance_traveled, 'distance_return', t.distance_return,
              'revenue_cash', COALESCE(t.revenue_cash, 0), 'revenue_online', COALESCE(t.revenue_online, 0),
              'revenue_paytm', COALESCE(t.revenue_paytm, 0), 'revenue_others', COALESCE(t.revenue_others, 0),
              'revenue_agent', COALESCE(t.revenue_agent, 0), 'total_revenue', COALESCE(t.total_revenue, 0),
              'total_expense', COALESCE(t.total_expense, 0), 'gst_percentage', COALESCE(t.gst_percentage, 18),
              'water_taken', t.water_taken,
              'return_revenue_cash', COALESCE(t.return_revenue_cash, 0),
              'return_revenue_online', COALESCE(t.return_revenue_online, 0),
              'return_revenue_paytm', COALESCE(t.return_revenue_paytm, 0),
              'return_revenue_others', COALESCE(t.return_revenue_others, 0),
              'return_revenue_agent', COALESCE(t.return_revenue_agent, 0),
              'return_total_revenue', COALESCE(t.return_total_revenue, 0),
              'return_total_expense', COALESCE(t.return_total_expense, 0),
              'previous_trip_id', t.previous_trip_id, 'next_trip_id', t.next_trip_id,
              'cycle_position', t.cycle_position, 'expected_arrival_date', t.expected_arrival_date,
              'bus', CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object(
                  'id', b.id, 'registration_number', b.registration_number, 'bus_name', b.bus_name,
                  'ownership_type', b.ownership_type, 'partner_name', b.partner_name,
                  'company_profit_share', COALESCE(b.company_profit_share, 100),
                  'partner_profit_share', COALESCE(b.partner_profit_share, 0)) END,
              'driver', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'full_name', d.full_name) END,
              'route', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
                  'id', r.id, 'route_name', r.route_name, 'distance_km', r.distance_km,
                  'from_address', r.from_address, 'to_address', r.to_address) END,
              'created_at', t.created_at, 'updated_at', t.updated_at)::text""";

    static final String FROM = """
             FROM trips t
            LEFT JOIN buses b ON b.id = t.bus_id
            LEFT JOIN profiles d ON d.id = t.driver_id
            LEFT JOIN routes r ON r.id = t.route_id""";

    static final String SELECT = "SELECT " + JSON + FROM;
    static final String SELECT_ONE = SELECT + " WHERE t.id = ?";
    static final String ORDER = " ORDER BY t.start_date DESC, t.id DESC";

    /** The name a trip keeps for its bus: the bus name, or the registration when the name is empty. */
    static final String BUS_SNAPSHOT = "SELECT COALESCE(NULLIF(bus_name, ''), registration_number) FROM buses WHERE id = ?";
    static final String DRIVER_SNAPSHOT = "SELECT full_name FROM profiles WHERE id = ?";

    private TripSql() {
    }
}
