package busmanager.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** Every setting of the server, read once at start from the environment (and an optional .env file). */
public record Config(
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int port,
        String jwtSecret,
        Path uploadDir,
        long uploadMaxBytes,
        List<String> corsOrigins,
        boolean signupEnabled,
        ZoneId businessZone,
        Path webDir,
        Path backupDir,
        Mail mail,
        Jobs jobs) {

    /** SMTP settings; {@code host == null} means e-mail is off. */
    public record Mail(String host, int port, String user, String password, String tls, String from,
                       List<String> recipients) {
        public boolean enabled() {
            return host != null;
        }
    }

    /**
     * Background job switches and times (HH:MM in the business zone; null = only on demand).
     * {@code tripReminderEveryMinutes} 0 = only on demand; {@code disabled} names jobs never run by the clock.
     */
    public record Jobs(boolean enabled, String tripGenerationAt, String alertsAt, int tripReminderEveryMinutes,
                       String backupAt, int backupKeep, int overdueTripHours, List<String> disabled) {
        /** The jobs of the scheduler (see busmanager.jobs.Jobs). */
        public static final List<String> NAMES = List.of("trip-generation", "trip-notifications", "stock-alerts",
                "tax-alerts", "expiry-alerts", "backup");

        public boolean runsOnSchedule(String job) {
            return enabled && !disabled.contains(job);
        }
    }

    public boolean corsAllowsAnyOrigin() {
        return corsOrigins.contains("*");
    }

    public Config withPort(int newPort) {
        return new Config(jdbcUrl, dbUser, dbPassword, dbPoolSize, newPort, jwtSecret, uploadDir, uploadMaxBytes,
                corsOrigins, signupEnabled, businessZone, webDir, backupDir, mail, jobs);
    }

    public Config withJwtSecret(String secret) {
        return new Config(jdbcUrl, dbUser, dbPassword, dbPoolSize, port, secret, uploadDir, uploadMaxBytes,
                corsOrigins, signupEnabled, businessZone, webDir, backupDir, mail, jobs);
    }
}
