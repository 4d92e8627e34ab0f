package busmanager.jobs;

import busmanager.schedules.Fixtures;
import busmanager.testing.ApiServer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the job tests share: two admins, a bystander driver, and helpers to run jobs at a business time. */
final class JobWorld {
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private final ApiServer api;
    private final Fixtures fx;
    private final String admin;
    private final UUID adminUser;
    private final Fixtures.Driver bystander;

    JobWorld(ApiServer api) {
        this.api = api;
        this.fx = new Fixtures(api);
        this.admin = api.newAdmin();
        this.adminUser = api.userId(admin);
        api.newAdmin(); // a second admin: alerts go to every admin
        this.bystander = fx.driver("Bystander");
    }

    Fixtures fx() {
        return fx;
    }

    String admin() {
        return admin;
    }

    UUID adminUser() {
        return adminUser;
    }

    Fixtures.Driver bystander() {
        return bystander;
    }

    /** A business wall-clock time in Kolkata. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(KOLKATA).toInstant();
    }

    /** Runs the job on demand at that business time and returns its summary. */
    Map<String, Object> run(String job, String localDateTime) throws Exception {
        JobRunner.Run run = api.app().jobs().runNow(job, at(localDateTime));
        if (run.failed()) {
            throw new AssertionError(job + " failed: " + run.error());
        }
        return run.result();
    }

    int admins() {
        return ((Long) api.sqlValue("SELECT count(DISTINCT user_id) FROM user_roles WHERE role = 'admin'")).intValue();
    }

    List<Map<String, Object>> notes(UUID user, String title) {
        return api.sqlRows("SELECT title, message, type, link FROM notifications WHERE user_id = ? AND title = ? "
                + "ORDER BY created_at", user, title);
    }

    void setting(String key, String value) {
        api.sqlUpdate("INSERT INTO admin_settings (key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", key, value);
    }
}
