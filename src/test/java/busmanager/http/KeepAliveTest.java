package busmanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many browsers' kept-alive connections at once: every one of them still answers its next request. */
class KeepAliveTest {
    private static final int CONNECTIONS = 230; // more than the JDK server's default of 200 idle connections

    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void idleConnectionsStayUsable() throws Exception {
        int port = URI.create(api.baseUrl()).getPort();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(10_000);
                sockets.add(s);
            }
            for (Socket s : sockets) {
                assertThat(get(s)).startsWith("HTTP/1.1 200");
            }
            Thread.sleep(200); // all of them idle now
            int answered = 0;
            for (Socket s : sockets) {
                if (get(s).startsWith("HTTP/1.1 200")) {
                    answered++;
                }
            }
            assertThat(answered).isEqualTo(CONNECTIONS);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** One GET / on the connection; the status line and headers, or "" when the server closed it. */
    private static String get(Socket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return headers;
    }
}
