package busmanager;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.cli.HealthCheck;
import busmanager.testing.ApiServer;
import busmanager.testing.MainProcess;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator commands added for running on the Pi: healthcheck and the argument checks of backup/restore. */
class MainCommandsTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void healthcheckExitsZeroWhenTheServerAnswers() throws Exception {
        var ok = MainProcess.run(Map.of("PORT", String.valueOf(api.app().port())), "healthcheck");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(HealthCheck.healthy(api.app().port())).isTrue();
    }

    @Test
    void healthcheckExitsOneWhenNothingListens() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        var down = MainProcess.run(Map.of("PORT", String.valueOf(free)), "healthcheck");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.stderr()).contains("unhealthy");
    }

    @Test
    void healthcheckRefusesAnAnswerThatIsNotHealthy() throws Exception {
        try (ServerSocket fake = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (var s = fake.accept()) {
                    s.getInputStream().read(new byte[1024]);
                    s.getOutputStream().write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".getBytes());
                } catch (Exception ignored) {
                    // the test fails on the assertion below if this went wrong
                }
            });
            assertThat(HealthCheck.healthy(fake.getLocalPort())).isFalse();
        }
    }

    @Test
    void backupAndRestoreArgumentsAreChecked() throws Exception {
        var unknown = MainProcess.run(Map.of(), "backup", "--to", "x.zip");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown option --to");
        var noFile = MainProcess.run(Map.of(), "restore");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.stderr()).contains("restore needs exactly one backup file");
        var missing = MainProcess.run(Map.of(), "restore", "/nonexistent/backup.zip");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("No such backup file");
        var help = MainProcess.run(Map.of(), "help");
        assertThat(help.stdout()).contains("backup [--output FILE]").contains("restore FILE").contains("healthcheck");
    }
}
