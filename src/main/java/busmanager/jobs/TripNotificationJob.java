package busmanager.jobs;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.notifications.Notifications;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reminders to drivers about their trips. (1) Odometer reading needed: open trips without a start reading that
 * begin within 24 hours (jobs.md §2.3). (2) Trip not closed: trips still in progress long after they were
 * expected back. Each at most once per trip and day.
 *
 * <p>Trip times are business wall-clock times stored as UTC (the trip form and trip generation both do that,
 * api.md §0.3), so "now" is compared as the business zone's wall-clock time in the same form.
 */
final class TripNotificationJob {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final String DRIVER_TRIPS = "/driver/trips";

    private final Database db;
    private final AdminAlerts alerts;
    private final ZoneId zone;
    private final Duration overdueAfter;

    TripNotificationJob(Deps deps) {
        this.db = deps.db();
        this.alerts = new AdminAlerts(deps);
        this.zone = deps.config().businessZone();
        this.overdueAfter = Duration.ofHours(deps.config().jobs().overdueTripHours());
    }

    Map<String, Object> run(Instant at) throws SQLException {
        LocalDateTime wallNow = LocalDateTime.ofInstant(at, zone);
        LocalDate today = wallNow.toLocalDate();
        OffsetDateTime now = wallNow.atOffset(ZoneOffset.UTC);
        List<String> reminded = odometerReminders(today, now);
        List<String> overdue = overdueReminders(today, wallNow);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("odometerReminders", reminded.size());
        result.put("overdueReminders", overdue.size());
        result.put("trips", reminded);
        result.put("overdueTrips", overdue);
        return result;
    }

    private List<String> odometerReminders(LocalDate today, OffsetDateTime now) throws SQLException {
        List<Map<String, Object>> trips = db.read(c -> Sql.rows(c, """
                SELECT t.id, t.trip_number, t.start_date, r.route_name, p.user_id
                FROM trips t
                JOIN profiles p ON p.id = t.driver_id
                LEFT JOIN routes r ON r.id = t.route_id
                WHERE t.status IN ('scheduled', 'in_progress') AND t.odometer_start IS NULL
                  AND t.start_date BETWEEN ? AND ?
                ORDER BY t.start_date, t.trip_number""", now, now.plusHours(24)));
        List<String> sent = new ArrayList<>();
        for (Map<String, Object> t : trips) {
            long minutes = Duration.between(now, (OffsetDateTime) t.get("start_date")).toMinutes();
            long hours = Math.round(minutes / 60.0);
            String route = t.get("route_name") == null ? "destination" : (String) t.get("route_name");
            String message = "Your trip " + t.get("trip_number") + " to " + route + " starts in " + hours
                    + " hours. Please fill in the odometer readings.";
            if (alerts.notifyUser(today, "odometer:" + t.get("id"), new Notifications.Notice(
                    (UUID) t.get("user_id"), "Odometer Reading Required", message, "warning", DRIVER_TRIPS))) {
                sent.add((String) t.get("trip_number"));
            }
        }
        return sent;
    }

    private List<String> overdueReminders(LocalDate today, LocalDateTime wallNow) throws SQLException {
        List<Map<String, Object>> trips = db.read(c -> Sql.rows(c, """
                SELECT t.id, t.trip_number, t.start_date, t.trip_type, t.expected_arrival_date, t.arrival_time,
                       t.return_departure_time, t.return_arrival_time, r.estimated_duration_hours, p.user_id
                FROM trips t
                JOIN profiles p ON p.id = t.driver_id
                LEFT JOIN routes r ON r.id = t.route_id
                WHERE t.status = 'in_progress' AND t.start_date < ?
                ORDER BY t.start_date, t.trip_number""", wallNow.minus(overdueAfter).atOffset(ZoneOffset.UTC)));
        List<String> sent = new ArrayList<>();
        for (Map<String, Object> t : trips) {
            LocalDateTime due = expectedBack(t);
            if (!due.plus(overdueAfter).isBefore(wallNow)) {
                continue;
            }
            String message = "Your trip " + t.get("trip_number") + " was expected back by " + due.format(WHEN)
                    + " and is still in progress. Please enter the odometer readings and complete it.";
            if (alerts.notifyUser(today, "trip-overdue:" + t.get("id"), new Notifications.Notice(
                    (UUID) t.get("user_id"), "Trip Not Closed", message, "warning", DRIVER_TRIPS))) {
                sent.add((String) t.get("trip_number"));
            }
        }
        return sent;
    }

    /**
     * When the trip should have been back: the outward arrival (expected arrival date and arrival time, or the
     * next arrival time after the start, or start + the route's duration, 24 h when unknown), then for a two-way
     * trip the return leg's arrival after it (or the same time again when the return times are unknown).
     */
    static LocalDateTime expectedBack(Map<String, Object> t) {
        LocalDateTime start = ((OffsetDateTime) t.get("start_date")).withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDateTime();
        LocalTime arrival = (LocalTime) t.get("arrival_time");
        LocalDate arrivalDate = (LocalDate) t.get("expected_arrival_date");
        LocalDateTime outward;
        if (arrival != null && arrivalDate != null) {
            outward = arrivalDate.atTime(arrival);
        } else if (arrival != null) {
            outward = nextAfter(start, arrival);
        } else {
            BigDecimal hours = (BigDecimal) t.get("estimated_duration_hours");
            long minutes = hours == null || hours.signum() <= 0 ? 24 * 60 : hours.multiply(BigDecimal.valueOf(60))
                    .longValue();
            outward = start.plusMinutes(minutes);
        }
        if (!"two_way".equals(t.get("trip_type"))) {
            return outward;
        }
        LocalTime returnDeparture = (LocalTime) t.get("return_departure_time");
        LocalTime returnArrival = (LocalTime) t.get("return_arrival_time");
        if (returnArrival == null) {
            return outward.plus(Duration.between(start, outward));
        }
        LocalDateTime leaves = returnDeparture == null ? outward : nextAfter(outward, returnDeparture);
        return nextAfter(leaves, returnArrival);
    }

    /** The first moment at the time of day that is not before {@code from}. */
    private static LocalDateTime nextAfter(LocalDateTime from, LocalTime time) {
        LocalDateTime candidate = from.toLocalDate().atTime(time);
        return candidate.isBefore(from) ? candidate.plusDays(1) : candidate;
    }
}
