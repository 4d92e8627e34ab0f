package busmanager.config;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Config} from environment variables, using the names of the old stack so existing
 * deployments keep their settings. Values from a {@code .env} file fill in what the environment lacks.
 */
public final class ConfigLoader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The process environment, completed by {@code .env} in the working directory if there is one. */
    public static Config fromEnvironment() {
        Map<String, String> merged = new HashMap<>(readDotEnv(Path.of(".env")));
        merged.putAll(System.getenv());
        return load(merged);
    }

    public static Config load(Map<String, String> env) {
        return new ConfigLoader(env).build();
    }

    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                    continue;
                }
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring(7).strip();
                }
                int eq = trimmed.indexOf('=');
                String value = trimmed.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(trimmed.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
        return values;
    }

    private Config build() {
        String[] db = database();
        int pool = intValue("DB_POOL_SIZE", 4, 1, 64);
        int port = intValue("PORT", 8000, 0, 65535);
        String secret = get("JWT_SECRET");
        if (secret != null && secret.length() < 32) {
            problems.add("JWT_SECRET must be at least 32 characters (leave it unset to let the server generate one)");
        }
        Path uploads = Path.of(getOr("UPLOAD_DIR", "uploads"));
        long maxUpload = longValue("UPLOAD_MAX_BYTES", 10L * 1024 * 1024, 1024, 1L << 31);
        List<String> origins = list(getOr("CORS_ORIGINS", getOr("ALLOWED_ORIGINS", "*")));
        boolean signup = bool("SIGNUP_ENABLED", true);
        ZoneId zone = zone(getOr("BUSINESS_TIMEZONE", getOr("TZ_BUSINESS", "Asia/Kolkata")));
        String web = get("WEB_DIR");
        Path backups = Path.of(getOr("BACKUP_DIR", "backups"));
        Config.Mail mail = mail();
        Config.Jobs jobs = new Config.Jobs(
                bool("JOBS_ENABLED", true),
                jobClock("JOB_TRIP_GENERATION_AT", "00:05"),
                jobClock("JOB_ALERTS_AT", "07:00"),
                intValue("JOB_TRIP_REMINDER_EVERY_MINUTES", 60, 0, 24 * 60),
                getOr("BACKUP_AT", "").isBlank() ? null : clock("BACKUP_AT", "02:30"),
                intValue("BACKUP_KEEP", 14, 1, 3650),
                intValue("JOB_OVERDUE_TRIP_HOURS", 12, 1, 24 * 14),
                jobNames("JOBS_DISABLED"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(db[0], db[1], db[2], pool, port, secret, uploads, maxUpload, origins, signup, zone,
                web == null || web.isBlank() ? null : Path.of(web), backups, mail, jobs);
    }

    /** Returns {jdbcUrl, user, password}. */
    private String[] database() {
        String user = getOr("POSTGRES_USER", "postgres");
        String password = getOr("POSTGRES_PASSWORD", "");
        String url = get("DATABASE_URL");
        if (url == null || url.isBlank()) {
            String host = getOr("POSTGRES_HOST", "127.0.0.1");
            int port = intValue("POSTGRES_PORT", 5432, 1, 65535);
            String name = getOr("POSTGRES_DB", "busmanager");
            return new String[] {"jdbc:postgresql://" + host + ":" + port + "/" + name, user, password};
        }
        if (url.startsWith("jdbc:postgresql://")) {
            return new String[] {url, user, password};
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return fromLibpqUrl(url, user, password);
        }
        problems.add("DATABASE_URL must start with postgresql:// or jdbc:postgresql:// (got '" + redact(url) + "')");
        return new String[] {null, user, password};
    }

    private String[] fromLibpqUrl(String url, String defaultUser, String defaultPassword) {
        try {
            URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
            String user = defaultUser;
            String password = defaultPassword;
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                if (colon >= 0) {
                    password = decode(info.substring(colon + 1));
                }
            }
            String host = uri.getHost();
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("no host");
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String path = uri.getRawPath();
            String name = path == null || path.length() <= 1 ? "busmanager" : decode(path.substring(1));
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return new String[] {"jdbc:postgresql://" + host + ":" + port + "/" + name + query, user, password};
        } catch (IllegalArgumentException e) {
            problems.add("DATABASE_URL is not a valid postgresql:// URL (" + redact(url) + ")");
            return new String[] {null, defaultUser, defaultPassword};
        }
    }

    private Config.Mail mail() {
        String host = get("SMTP_HOST");
        if (host == null || host.isBlank()) {
            return new Config.Mail(null, 0, null, null, "none", null, List.of());
        }
        String tls = getOr("SMTP_TLS", "starttls").toLowerCase();
        if (!List.of("none", "starttls", "ssl").contains(tls)) {
            problems.add("SMTP_TLS must be one of none, starttls, ssl (got '" + tls + "')");
        }
        int defaultPort = tls.equals("ssl") ? 465 : tls.equals("starttls") ? 587 : 25;
        String user = get("SMTP_USER");
        String from = getOr("SMTP_FROM", user == null ? "busmanager@localhost" : user);
        List<String> to = list(getOr("ALERT_EMAIL_TO", getOr("ADMIN_ALERT_EMAIL", "")));
        return new Config.Mail(host, intValue("SMTP_PORT", defaultPort, 1, 65535), user,
                getOr("SMTP_PASS", getOr("SMTP_PASSWORD", null)), tls, from, to);
    }

    private String get(String name) {
        String value = env.get(name);
        return value == null ? null : value.strip();
    }

    private String getOr(String name, String fallback) {
        String value = get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private int intValue(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    private long longValue(String name, long fallback, long min, long max) {
        String raw = get(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                problems.add(name + " must be between " + min + " and " + max + " (got " + raw + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number (got '" + raw + "')");
            return fallback;
        }
    }

    private boolean bool(String name, boolean fallback) {
        String raw = get(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        switch (raw.toLowerCase()) {
            case "true", "1", "yes", "on" -> {
                return true;
            }
            case "false", "0", "no", "off" -> {
                return false;
            }
            default -> {
                problems.add(name + " must be true or false (got '" + raw + "')");
                return fallback;
            }
        }
    }

    private ZoneId zone(String raw) {
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            problems.add("BUSINESS_TIMEZONE is not a known time zone (got '" + raw + "')");
            return ZoneId.of("UTC");
        }
    }

    private String clock(String name, String fallback) {
        String raw = getOr(name, fallback);
        try {
            return LocalTime.parse(raw).toString();
        } catch (DateTimeException e) {
            problems.add(name + " must be a time of day HH:MM (got '" + raw + "')");
            return fallback;
        }
    }

    /** A job time HH:MM, or "off" (also "none", "disabled") for a job that only runs on demand. */
    private String jobClock(String name, String fallback) {
        String raw = getOr(name, fallback);
        return List.of("off", "none", "disabled").contains(raw.toLowerCase()) ? null : clock(name, fallback);
    }

    private List<String> jobNames(String name) {
        List<String> names = list(getOr(name, ""));
        for (String n : names) {
            if (!Config.Jobs.NAMES.contains(n)) {
                problems.add(name + " lists an unknown job '" + n + "' (jobs: " + String.join(", ",
                        Config.Jobs.NAMES) + ")");
            }
        }
        return names;
    }

    private static List<String> list(String raw) {
        return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
    }
}
