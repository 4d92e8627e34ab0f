package busmanager.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code busmanager.Main} as the command line does: a child JVM with its own environment and exit code. */
public final class MainProcess {
    private MainProcess() {
    }

    public record Result(int exit, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** The settings a command needs to reach the test database {@code database}. */
    public static Map<String, String> databaseEnv(String database) {
        return Map.of("DATABASE_URL", TestDatabases.url(database), "POSTGRES_USER", TestDatabases.USER,
                "POSTGRES_PASSWORD", TestDatabases.PASSWORD);
    }

    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "busmanager.Main"));
        command.addAll(List.of(args));
        Path dir = Files.createTempDirectory("bm-main");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("POSTGRES_") || k.startsWith("PG")
                || List.of("DATABASE_URL", "PORT", "UPLOAD_DIR", "BACKUP_DIR", "WEB_DIR", "JWT_SECRET").contains(k));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("busmanager " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
