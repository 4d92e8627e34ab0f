package busmanager.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** deploy/healthcheck.sh, the image's health check: 0 for a healthy server on PORT, 1 otherwise. */
class ContainerHealthcheckTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void healthyServerPasses() throws Exception {
        assertThat(check(portOf(api.baseUrl()))).isZero();
    }

    @Test
    void closedPortOrNonHttpAnswerFails() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(check(closed)).isEqualTo(1);
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (var c = silent.accept()) {
                    c.getOutputStream().write("HTTP/1.1 503 Service Unavailable\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    c.getInputStream().read();
                } catch (Exception ignored) {
                    // the check has left
                }
            });
            assertThat(check(silent.getLocalPort())).isEqualTo(1);
        }
    }

    private static int check(int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("deploy/healthcheck.sh").toAbsolutePath().toString())
                .redirectErrorStream(true);
        pb.environment().put("PORT", String.valueOf(port));
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static int portOf(String baseUrl) {
        return java.net.URI.create(baseUrl).getPort();
    }
}
