package busmanager.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** {@code healthcheck}: GET /health over a plain socket, for container health checks (no curl in the image). */
public final class HealthCheck {
    private HealthCheck() {
    }

    public static boolean healthy(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            boolean ok = response.startsWith("HTTP/1.1 200 ") && response.contains("\"healthy\"");
            if (!ok) {
                System.err.println("unhealthy: " + response.lines().findFirst().orElse("no answer"));
            }
            return ok;
        } catch (IOException e) {
            System.err.println("unhealthy: " + e.getMessage());
            return false;
        }
    }
}
