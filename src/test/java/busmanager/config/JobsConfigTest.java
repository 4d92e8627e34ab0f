package busmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job settings of ConfigLoader: times, "off", the reminder period, the overdue threshold, JOBS_DISABLED. */
class JobsConfigTest {
    @Test
    void defaults() {
        Config.Jobs j = ConfigLoader.load(Map.of()).jobs();
        assertThat(j.enabled()).isTrue();
        assertThat(j.tripGenerationAt()).isEqualTo("00:05");
        assertThat(j.alertsAt()).isEqualTo("07:00");
        assertThat(j.tripReminderEveryMinutes()).isEqualTo(60);
        assertThat(j.overdueTripHours()).isEqualTo(12);
        assertThat(j.disabled()).isEmpty();
        assertThat(Config.Jobs.NAMES).allSatisfy(name -> assertThat(j.runsOnSchedule(name)).isTrue());
    }

    @Test
    void timesCanBeChangedOrSwitchedOff() {
        Config.Jobs j = ConfigLoader.load(Map.of("JOB_TRIP_GENERATION_AT", "01:30", "JOB_ALERTS_AT", "off",
                "JOB_TRIP_REMINDER_EVERY_MINUTES", "0", "JOB_OVERDUE_TRIP_HOURS", "6",
                "JOBS_DISABLED", "tax-alerts, expiry-alerts")).jobs();
        assertThat(j.tripGenerationAt()).isEqualTo("01:30");
        assertThat(j.alertsAt()).isNull();
        assertThat(j.tripReminderEveryMinutes()).isZero();
        assertThat(j.overdueTripHours()).isEqualTo(6);
        assertThat(j.disabled()).containsExactly("tax-alerts", "expiry-alerts");
        assertThat(j.runsOnSchedule("tax-alerts")).isFalse();
        assertThat(j.runsOnSchedule("stock-alerts")).isTrue();
        Config.Jobs off = ConfigLoader.load(Map.of("JOBS_ENABLED", "false")).jobs();
        assertThat(off.runsOnSchedule("trip-generation")).isFalse();
    }

    @Test
    void badValuesAreReported() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOB_TRIP_GENERATION_AT", "25:00", "JOB_ALERTS_AT",
                "seven", "JOB_TRIP_REMINDER_EVERY_MINUTES", "-5", "JOB_OVERDUE_TRIP_HOURS", "0",
                "JOBS_DISABLED", "stock-alerts,coffee")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JOB_TRIP_GENERATION_AT must be a time of day")
                .hasMessageContaining("JOB_ALERTS_AT must be a time of day")
                .hasMessageContaining("JOB_TRIP_REMINDER_EVERY_MINUTES must be between 0")
                .hasMessageContaining("JOB_OVERDUE_TRIP_HOURS must be between 1")
                .hasMessageContaining("JOBS_DISABLED lists an unknown job 'coffee'");
    }

    @Test
    void smtpSettingsAndTheirDefaults() {
        Config.Mail ssl = ConfigLoader.load(Map.of("SMTP_HOST", "smtp.fleet.in", "SMTP_TLS", "ssl",
                "SMTP_USER", "bot@fleet.in", "SMTP_PASS", "pw", "ADMIN_ALERT_EMAIL", "a@fleet.in, b@fleet.in")).mail();
        assertThat(ssl.port()).isEqualTo(465);
        assertThat(ssl.password()).isEqualTo("pw");
        assertThat(ssl.recipients()).containsExactly("a@fleet.in", "b@fleet.in");
        Config.Mail local = ConfigLoader.load(Map.of("SMTP_HOST", "localhost", "SMTP_TLS", "none",
                "SMTP_FROM", "BusManager <alerts@fleet.in>")).mail();
        assertThat(local.port()).isEqualTo(25);
        assertThat(local.user()).isNull();
        assertThat(local.from()).isEqualTo("BusManager <alerts@fleet.in>");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("SMTP_HOST", "x", "SMTP_TLS", "tls")))
                .hasMessageContaining("SMTP_TLS");
    }
}
