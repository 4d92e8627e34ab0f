package busmanager.jobs;

import busmanager.Deps;
import busmanager.backup.BackupJob;
import busmanager.config.Config;
import busmanager.schedules.TripGenerator;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** The background jobs of the server (jobs.md §3), with their times from the configuration. */
public final class Jobs {
    public static final String TRIP_GENERATION = "trip-generation";
    public static final String TRIP_NOTIFICATIONS = "trip-notifications";
    public static final String STOCK_ALERTS = "stock-alerts";
    public static final String TAX_ALERTS = "tax-alerts";
    public static final String EXPIRY_ALERTS = "expiry-alerts";
    public static final String BACKUP = "backup";

    private Jobs() {
    }

    public static JobRunner runner(Deps d) {
        Config.Jobs cfg = d.config().jobs();
        TripGenerator generator = new TripGenerator(d);
        JobSchedule alertTime = daily(cfg.alertsAt());
        List<Job> jobs = List.of(
                new Job(TRIP_GENERATION, "Creates today's trips from the active schedules (as POST "
                        + "/schedules/generate-trips) and tells their drivers", daily(cfg.tripGenerationAt()),
                        at -> generator.generate(LocalDate.ofInstant(at, d.config().businessZone())).toMap()),
                new Job(TRIP_NOTIFICATIONS, "Reminds drivers to enter odometer readings for trips starting within "
                        + "24 hours, and to close trips still in progress " + cfg.overdueTripHours()
                        + " hours after they were due back",
                        cfg.tripReminderEveryMinutes() > 0 ? new JobSchedule.Every(cfg.tripReminderEveryMinutes())
                                : new JobSchedule.OnDemand(),
                        new TripNotificationJob(d)::run),
                new Job(STOCK_ALERTS, "Tells admins (bell and e-mail) about stock items at or below their "
                        + "low-stock threshold", alertTime, new StockAlertJob(d)::run),
                new Job(TAX_ALERTS, "Tells admins about road tax due within tax_alert_days (default 7) or overdue",
                        alertTime, new TaxAlertJob(d)::run),
                new Job(EXPIRY_ALERTS, "Tells admins (and each licence holder) about insurance, PUC, fitness and "
                        + "driving licences expired or expiring within expiry_alert_days (default 30)", alertTime,
                        new ExpiryAlertJob(d)::run),
                new Job(BACKUP, "Writes a backup archive (database and uploads) into BACKUP_DIR and deletes all but "
                        + "the newest " + cfg.backupKeep() + " such archives", daily(cfg.backupAt()),
                        new BackupJob(d.config(), d.clock())::run));
        return new JobRunner(d.db(), d.config().businessZone(), jobs);
    }

    private static JobSchedule daily(String time) {
        return time == null ? new JobSchedule.OnDemand() : new JobSchedule.Daily(LocalTime.parse(time));
    }
}
