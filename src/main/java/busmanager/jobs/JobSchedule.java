package busmanager.jobs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a job runs, in the business time zone. A slot names one planned run (the day for a daily job, the
 * day and start of the period for a repeating one): each slot runs once, however many instances there are.
 */
public sealed interface JobSchedule {
    /** The slot that {@code at} falls into. */
    String slot(Instant at, ZoneId zone);

    /** True when the slot of {@code now} is due to run now (a daily job only from its time of day on). */
    boolean due(Instant now, ZoneId zone);

    String describe();

    /** Once a day at a time of day; a missed run is made up later the same day (e.g. after a restart). */
    record Daily(LocalTime at) implements JobSchedule {
        public String slot(Instant at, ZoneId zone) {
            return LocalDateTime.ofInstant(at, zone).toLocalDate().toString();
        }

        public boolean due(Instant now, ZoneId zone) {
            return !LocalDateTime.ofInstant(now, zone).toLocalTime().isBefore(at);
        }

        public String describe() {
            return "daily at " + at;
        }
    }

    /** Every n minutes, counted from midnight (n = 60: on every full hour). */
    record Every(int minutes) implements JobSchedule {
        public String slot(Instant at, ZoneId zone) {
            LocalDateTime t = LocalDateTime.ofInstant(at, zone);
            int minuteOfDay = t.getHour() * 60 + t.getMinute();
            int start = minuteOfDay / minutes * minutes;
            return t.toLocalDate() + "T" + LocalTime.of(start / 60, start % 60);
        }

        public boolean due(Instant now, ZoneId zone) {
            return true;
        }

        public String describe() {
            return "every " + minutes + " minutes";
        }
    }

    /** Never by the clock: only from the admin endpoint or the command line. */
    record OnDemand() implements JobSchedule {
        public String slot(Instant at, ZoneId zone) {
            return LocalDateTime.ofInstant(at, zone).toLocalDate().toString();
        }

        public boolean due(Instant now, ZoneId zone) {
            return false;
        }

        public String describe() {
            return "on demand only";
        }
    }
}
