package busmanager.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment files checked with the tools that read them, where this machine has them (docker compose,
 * shellcheck, systemd-analyze), and for the promises the README makes about them (memory limits, the same
 * JVM flags everywhere, every PostgreSQL setting explained).
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Map<String, String> COMPOSE_ENV = Map.of("POSTGRES_PASSWORD", "example-password",
            "JWT_SECRET", "example-secret-example-secret-example-secret");

    record Run(int exit, String output) {
    }

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("POSTGRES_") || k.equals("JWT_SECRET"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean available(String... command) {
        try {
            return run(Map.of(), command).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code docker compose} (plugin) or the standalone {@code docker-compose}, whichever works here. */
    private static List<String> compose() {
        if (available("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        if (available("docker-compose", "version")) {
            return List.of("docker-compose");
        }
        return null;
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    @Test
    void composeFileValidates() throws Exception {
        List<String> compose = compose();
        assumeTrue(compose != null, "docker compose is not installed (apt-get install docker-compose)");
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", "docker-compose.yml", "config", "-q"));
        Run ok = run(COMPOSE_ENV, command.toArray(String[]::new));
        assertThat(ok.exit()).as(ok.output()).isZero();
        Run noSecrets = run(Map.of(), command.toArray(String[]::new));
        assertThat(noSecrets.exit()).isNotZero();
        assertThat(noSecrets.output()).contains("POSTGRES_PASSWORD");
    }

    @Test
    void composeLimitsMemoryAndChecksHealthInsideTheImages() throws Exception {
        String compose = read("docker-compose.yml");
        assertThat(service(compose, "api")).contains("mem_limit: 100m").contains("\"busmanager-healthcheck\"]")
                .contains("DATABASE_URL:").contains("JWT_SECRET:").contains("UPLOAD_DIR:").contains("WEB_DIR:")
                .contains("uploads:/data/uploads").contains("backups:/data/backups");
        assertThat(service(compose, "db")).contains("mem_limit: 150m").contains("pg_isready")
                .contains("POSTGRES_USER:").contains("POSTGRES_PASSWORD:").contains("POSTGRES_DB:")
                .contains("pgdata:/var/lib/postgresql/data").contains("./deploy/postgresql.conf:");
        assertThat(compose).doesNotContainPattern("(?m)^[^#]*curl");
    }

    private static String service(String compose, String name) {
        int start = compose.indexOf("\n  " + name + ":\n");
        assertThat(start).as("service " + name).isPositive();
        Matcher next = Pattern.compile("\n  [a-z]+:\n|\n[a-z]+:").matcher(compose);
        int end = next.find(start + 3) ? next.start() : compose.length();
        return compose.substring(start, end);
    }

    @Test
    void theSameJvmFlagsEverywhere() throws Exception {
        Matcher m = Pattern.compile("\\$\\{JAVA_OPTS:-([^}]*)}").matcher(read("run.sh"));
        assertThat(m.find()).isTrue();
        List<String> runSh = flags(m.group(1));
        Matcher docker = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(read("Dockerfile"));
        assertThat(docker.find()).isTrue();
        assertThat(flags(docker.group(1))).isEqualTo(runSh);
        Matcher unit = Pattern.compile("ExecStart=\\S+ (.*?) -jar", Pattern.DOTALL)
                .matcher(read("deploy/busmanager.service"));
        assertThat(unit.find()).isTrue();
        assertThat(flags(unit.group(1))).isEqualTo(runSh);
        assertThat(runSh).contains("-XX:+ExitOnOutOfMemoryError");
    }

    private static List<String> flags(String text) {
        return Arrays.stream(text.replace("\\\n", " ").split("\\s+")).filter(s -> !s.isBlank()).toList();
    }

    @Test
    void dockerfileBuildsASmallNonRootImage() throws Exception {
        String dockerfile = read("Dockerfile");
        assertThat(Pattern.compile("^FROM ", Pattern.MULTILINE).matcher(dockerfile).results().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(dockerfile).contains("jdeps --print-module-deps --ignore-missing-deps").contains("jlink ")
                .contains("USER busmanager").contains("HEALTHCHECK").contains("busmanager-healthcheck")
                .contains("postgresql-client").doesNotContainPattern("(?m)^[^#]*curl");
    }

    @Test
    void installScriptPassesBashAndShellcheck() throws Exception {
        for (String script : List.of("deploy/install.sh", "deploy/docker-entrypoint.sh")) {
            Run syntax = run(Map.of(), "bash", "-n", script);
            assertThat(syntax.exit()).as(script + ": " + syntax.output()).isZero();
            assertThat(Files.isExecutable(ROOT.resolve(script))).as(script + " executable").isTrue();
        }
        assumeTrue(available("shellcheck", "--version"), "shellcheck is not installed (apt-get install shellcheck)");
        Run lint = run(Map.of(), "shellcheck", "deploy/install.sh", "deploy/docker-entrypoint.sh",
                "bench/cgroup-run.sh");
        assertThat(lint.exit()).as(lint.output()).isZero();
    }

    @Test
    void systemdUnitRestartsLimitsAndHardens() throws Exception {
        String unit = read("deploy/busmanager.service");
        assertThat(unit).contains("Restart=on-failure").contains("MemoryMax=").contains("User=busmanager")
                .contains("EnvironmentFile=/etc/busmanager/busmanager.env").contains("NoNewPrivileges=yes")
                .contains("ProtectSystem=strict").contains("-XX:+ExitOnOutOfMemoryError");
        assumeTrue(available("systemd-analyze", "--version"), "systemd-analyze is not installed");
        Path root = Files.createTempDirectory("bm-systemd");
        Path java = root.resolve("opt/busmanager/jre/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Path installed = root.resolve("etc/systemd/system/busmanager.service");
        Files.createDirectories(installed.getParent());
        Files.writeString(installed, unit);
        Run verify = run(Map.of(), "systemd-analyze", "verify", "--root=" + root,
                "/etc/systemd/system/busmanager.service");
        // An empty root has no sysinit.target; anything said about a line of the unit is a real mistake.
        assertThat(verify.output()).doesNotContainPattern("busmanager\\.service:\\d+:");
    }

    @Test
    void everyPostgresqlSettingIsExplained() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("deploy/postgresql.conf"));
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            settings.add(line.substring(0, line.indexOf('=')).strip());
            int j = i - 1;
            while (j >= 0 && !lines.get(j).isBlank() && !lines.get(j).startsWith("#")) {
                j--;
            }
            assertThat(j >= 0 && lines.get(j).startsWith("#")).as("comment above " + line).isTrue();
        }
        assertThat(settings).contains("shared_buffers", "work_mem", "max_connections", "effective_cache_size",
                "maintenance_work_mem", "wal_buffers", "max_wal_size", "checkpoint_timeout", "autovacuum",
                "autovacuum_max_workers", "listen_addresses").doesNotHaveDuplicates();
    }
}
