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

    /** Background job switches and times (HH:MM in the business zone). */
    public record Jobs(boolean enabled, String tripGenerationAt, String alertsAt, int tripReminderEveryMinutes,
                       String backupAt, int backupKeep) {
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
