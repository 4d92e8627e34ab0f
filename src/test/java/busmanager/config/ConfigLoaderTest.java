package busmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @Test
    void defaultsWorkOnAFreshMachine() {
        Config c = ConfigLoader.load(Map.of());
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/busmanager");
        assertThat(c.dbUser()).isEqualTo("postgres");
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.jwtSecret()).isNull();
        assertThat(c.corsAllowsAnyOrigin()).isTrue();
        assertThat(c.uploadMaxBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.businessZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(c.mail().enabled()).isFalse();
    }

    @Test
    void databaseUrlInTheOldComposeForm() {
        Config c = ConfigLoader.load(Map.of("DATABASE_URL", "postgresql://bus:p%40ss@db:5433/busdb"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/busdb");
        assertThat(c.dbUser()).isEqualTo("bus");
        assertThat(c.dbPassword()).isEqualTo("p@ss");
        Config noPort = ConfigLoader.load(Map.of("DATABASE_URL", "postgres://u:pw@host/name?sslmode=disable"));
        assertThat(noPort.jdbcUrl()).isEqualTo("jdbc:postgresql://host:5432/name?sslmode=disable");
    }

    @Test
    void databaseUrlInJdbcFormUsesPostgresUserAndPassword() {
        Config c = ConfigLoader.load(Map.of("DATABASE_URL", "jdbc:postgresql://h:5432/x", "POSTGRES_USER", "a",
                "POSTGRES_PASSWORD", "b"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/x");
        assertThat(c.dbUser()).isEqualTo("a");
        assertThat(c.dbPassword()).isEqualTo("b");
    }

    @Test
    void postgresVariablesAsFallback() {
        Config c = ConfigLoader.load(Map.of("POSTGRES_HOST", "pg", "POSTGRES_PORT", "6543", "POSTGRES_DB", "fleet",
                "POSTGRES_USER", "fleet", "POSTGRES_PASSWORD", "pw"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://pg:6543/fleet");
        assertThat(c.dbUser()).isEqualTo("fleet");
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", "eighty", "JWT_SECRET", "short",
                "DATABASE_URL", "mysql://x", "BUSINESS_TIMEZONE", "Mars/Base", "UPLOAD_MAX_BYTES", "-1",
                "SIGNUP_ENABLED", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORT must be a whole number")
                .hasMessageContaining("JWT_SECRET must be at least 32 characters")
                .hasMessageContaining("DATABASE_URL must start with")
                .hasMessageContaining("BUSINESS_TIMEZONE")
                .hasMessageContaining("UPLOAD_MAX_BYTES")
                .hasMessageContaining("SIGNUP_ENABLED");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", "70000"))).hasMessageContaining("between");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DATABASE_URL", "postgresql://u:pw@:5432/x")))
                .hasMessageContaining("not a valid");
    }

    @Test
    void passwordNeverAppearsInErrors() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DATABASE_URL", "mysql://user:hunter2@h/db")))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void corsOriginsAndSmtp() {
        Config c = ConfigLoader.load(Map.of("CORS_ORIGINS", "http://a.test, http://b.test", "SMTP_HOST", "mail",
                "SMTP_USER", "bot@x.in", "ALERT_EMAIL_TO", "owner@x.in"));
        assertThat(c.corsOrigins()).containsExactly("http://a.test", "http://b.test");
        assertThat(c.corsAllowsAnyOrigin()).isFalse();
        assertThat(c.mail().enabled()).isTrue();
        assertThat(c.mail().port()).isEqualTo(587);
        assertThat(c.mail().from()).isEqualTo("bot@x.in");
        assertThat(c.mail().recipients()).containsExactly("owner@x.in");
    }

    @Test
    void dotEnvFileIsRead(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "# comment\nexport PORT=9001\nJWT_SECRET=\"abcdefghijabcdefghijabcdefghij12\"\n");
        Map<String, String> values = ConfigLoader.readDotEnv(env);
        assertThat(values).containsEntry("PORT", "9001").containsEntry("JWT_SECRET", "abcdefghijabcdefghijabcdefghij12");
        assertThat(ConfigLoader.load(values).port()).isEqualTo(9001);
    }
}
