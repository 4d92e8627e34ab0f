package busmanager.schedules;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Sql;
import busmanager.notifications.Notifications;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a day's trips from the active weekly schedules and links them into daily chains (domain.md §7.8).
 * Used by POST /schedules/generate-trips and by the daily job. Running it twice for a day, or at the same
 * time on two server instances, creates each trip once: every schedule is handled in its own transaction
 * that first takes an advisory lock on (schedule, day) and only then looks for an existing trip.
 */
public final class TripGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(TripGenerator.class);
    private static final DateTimeFormatter NUMBER_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final String CANDIDATES = """
            SELECT s.id FROM bus_schedules s
            WHERE s.is_active AND ? = ANY (s.days_of_week)
            ORDER BY s.departure_time, s.created_at, s.id""";
    private static final String SCHEDULE = """
            SELECT s.id, s.bus_id, s.route_id, s.driver_id, s.departure_time, s.arrival_time, s.is_two_way,
                   s.return_departure_time, s.return_arrival_time, s.is_active, s.days_of_week,
                   b.registration_number, b.bus_name, r.route_name, p.full_name, p.user_id AS driver_user_id
            FROM bus_schedules s
            LEFT JOIN buses b ON b.id = s.bus_id
            LEFT JOIN routes r ON r.id = s.route_id
            LEFT JOIN profiles p ON p.id = s.driver_id
            WHERE s.id = ?
            FOR SHARE OF s""";

    private final Database db;
    private final Notifications notifications;

    public TripGenerator(Deps deps) {
        this.db = deps.db();
        this.notifications = deps.notifications();
    }

    /** What a run did; {@link #toMap()} is the camelCase response of api.md §10.2. */
    public record Result(LocalDate date, String day, int schedulesProcessed, int tripsCreated, List<String> skipped,
                         List<String> errors) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("success", true);
            if (schedulesProcessed == 0) {
                m.put("schedulesProcessed", 0);
                m.put("tripsCreated", 0);
                return m;
            }
            m.put("date", date.toString());
            m.put("day", day);
            m.put("schedulesProcessed", schedulesProcessed);
            m.put("tripsCreated", tripsCreated);
            m.put("skipped", skipped.isEmpty() ? null : skipped);
            m.put("errors", errors.isEmpty() ? null : errors);
            return m;
        }
    }

    /** A trip made for one schedule, or a reason it was not (null reason = skipped silently). */
    private record Outcome(UUID tripId, String tripNumber, UUID driverUserId, String routeName, LocalTime departure,
                           String skipReason) {
        static Outcome skipped(String reason) {
            return new Outcome(null, null, null, null, null, reason);
        }
    }

    public Result generate(LocalDate today) throws SQLException {
        String day = today.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        List<UUID> candidates = db.read(c -> Sql.rows(c, CANDIDATES, day)).stream()
                .map(r -> (UUID) r.get("id")).toList();
        int created = 0;
        List<String> skipped = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (UUID scheduleId : candidates) {
            Outcome o;
            try {
                o = db.tx(c -> generateOne(c, scheduleId, today, day));
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Trip generation for schedule {} failed: {}", scheduleId, e.toString());
                errors.add("Schedule " + scheduleId + ": " + shortMessage(e));
                continue;
            }
            if (o.tripId() == null) {
                if (o.skipReason() != null) {
                    skipped.add(o.skipReason());
                }
                continue;
            }
            created++;
            if (o.driverUserId() != null) {
                try {
                    notifications.send(new Notifications.Notice(o.driverUserId(), "Scheduled Trip Today",
                            "You have a scheduled trip: " + (o.routeName() == null ? "Route" : o.routeName())
                                    + " departing at " + o.departure().format(CLOCK_TIME), "trip_reminder", null));
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("Notification for trip {} failed: {}", o.tripNumber(), e.toString());
                    errors.add("Notification for trip " + o.tripNumber() + ": " + shortMessage(e));
                }
            }
        }
        if (!candidates.isEmpty()) {
            LOG.info("Trip generation for {} ({}): {} schedules, {} trips created, {} skipped, {} errors", today,
                    day, candidates.size(), created, skipped.size(), errors.size());
        }
        return new Result(today, day, candidates.size(), created, skipped, errors);
    }

    private Outcome generateOne(Connection c, UUID scheduleId, LocalDate today, String day) throws SQLException {
        Sql.text(c, "SELECT pg_advisory_xact_lock(hashtextextended('trip-generation:' || ? || ':' || ?, 0))::text",
                scheduleId.toString(), today.toString());
        Map<String, Object> s = Sql.row(c, SCHEDULE, scheduleId);
        // Deleted or changed since the candidates were listed: nothing to do for it any more.
        if (s == null || !(Boolean) s.get("is_active") || !((List<?>) s.get("days_of_week")).contains(day)) {
            return Outcome.skipped(null);
        }
        if (Sql.exists(c, "SELECT 1 FROM trips WHERE schedule_id = ? AND trip_date = ?", scheduleId, today)) {
            return Outcome.skipped(null);
        }
        if (s.get("bus_id") != null && Sql.exists(c,
                "SELECT 1 FROM trips WHERE bus_id = ? AND status = 'in_progress'", s.get("bus_id"))) {
            return Outcome.skipped("Bus " + s.get("registration_number") + " already on active trip");
        }
        UUID driverId = (UUID) s.get("driver_id");
        if (driverId != null && Sql.exists(c,
                "SELECT 1 FROM trips WHERE driver_id = ? AND status = 'in_progress'", driverId)) {
            return Outcome.skipped("Driver " + s.get("full_name") + " already on active trip");
        }
        Map<String, Object> yesterday = Sql.row(c, """
                SELECT id, cycle_position FROM trips WHERE schedule_id = ? AND trip_date = ?
                ORDER BY created_at DESC, id LIMIT 1""", scheduleId, today.minusDays(1));

        LocalTime departure = (LocalTime) s.get("departure_time");
        LocalTime arrival = (LocalTime) s.get("arrival_time");
        boolean twoWay = (Boolean) s.get("is_two_way");
        String busName = (String) s.get("bus_name");
        String busSnapshot = busName != null && !busName.isEmpty() ? busName
                : s.get("registration_number") == null ? "" : (String) s.get("registration_number");
        String tripNumber = newTripNumber(c, today);
        Insert trip = Insert.into("trips")
                .value("trip_number", tripNumber)
                .value("bus_id", s.get("bus_id"))
                .value("driver_id", driverId)
                .value("route_id", s.get("route_id"))
                .value("schedule_id", scheduleId)
                .value("trip_date", today)
                .value("departure_time", departure)
                .value("arrival_time", arrival)
                // Trips keep the business wall-clock time as a UTC timestamp, like the trip form (api.md §0.3).
                .value("start_date", today.atTime(departure).atOffset(ZoneOffset.UTC))
                .value("status", "scheduled", "trip_status")
                .value("trip_type", twoWay ? "two_way" : "one_way")
                .value("bus_name_snapshot", busSnapshot)
                .value("driver_name_snapshot", s.get("full_name") == null ? "" : s.get("full_name"))
                .value("expected_arrival_date", arrival.isBefore(departure) ? today.plusDays(1) : today)
                .value("previous_trip_id", yesterday == null ? null : yesterday.get("id"))
                .value("cycle_position", yesterday == null ? 1 : position(yesterday.get("cycle_position")) + 1);
        if (twoWay && s.get("return_departure_time") != null) {
            trip.value("return_departure_time", s.get("return_departure_time"))
                    .value("return_arrival_time", s.get("return_arrival_time"));
        }
        UUID tripId = trip.execute(c);
        if (yesterday != null) {
            Sql.update(c, "UPDATE trips SET next_trip_id = ? WHERE id = ?", tripId, yesterday.get("id"));
        }
        return new Outcome(tripId, tripNumber, (UUID) s.get("driver_user_id"), (String) s.get("route_name"),
                departure, null);
    }

    private static int position(Object stored) {
        return stored == null ? 1 : ((Number) stored).intValue();
    }

    /**
     * {@code TRP} + yyMMdd of the trip day + 3 random digits not used yet (4 once a day has 1000 trips). The
     * lock keeps two concurrent generations from picking the same free number; it is held until commit.
     */
    private static String newTripNumber(Connection c, LocalDate day) throws SQLException {
        String prefix = "TRP" + day.format(NUMBER_DATE);
        Sql.text(c, "SELECT pg_advisory_xact_lock(hashtextextended('trip-numbers:' || ?, 0))::text", prefix);
        Set<String> taken = new HashSet<>();
        for (Map<String, Object> r : Sql.rows(c, "SELECT trip_number FROM trips WHERE trip_number LIKE ?",
                prefix + "%")) {
            taken.add((String) r.get("trip_number"));
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int digits = 3; ; digits++) {
            int range = (int) Math.pow(10, digits);
            int start = random.nextInt(range);
            for (int i = 0; i < range; i++) {
                String candidate = prefix + String.format("%0" + digits + "d", (start + i) % range);
                if (!taken.contains(candidate)) {
                    return candidate;
                }
            }
        }
    }

    /** The first line of an error, without the driver's "ERROR: " prefix and never a stack trace. */
    public static String shortMessage(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        if (nl > 0) {
            m = m.substring(0, nl).strip();
        }
        if (m.startsWith("ERROR: ")) {
            m = m.substring(7);
        }
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
