package busmanager.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server for tests, on a random local port: EHLO, STARTTLS or TLS from the start, AUTH PLAIN and
 * LOGIN, MAIL, RCPT, DATA (undoing dot-stuffing), QUIT. It can refuse the first connections to exercise retries.
 */
final class FakeSmtpServer implements AutoCloseable {
    /** One accepted message. */
    record Received(String from, List<String> recipients, String data, String credentials, boolean secure) {
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean implicitTls;
    private final boolean offerStartTls;
    private final String authMechanisms;
    private final String password;
    private final AtomicInteger refuseConnections;
    private final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /**
     * @param tls           certificate for STARTTLS/implicit TLS, or null
     * @param implicitTls   TLS from the first byte (port 465 style)
     * @param authMechanisms e.g. "PLAIN LOGIN" or "LOGIN"
     * @param password      the password AUTH must present (any user)
     * @param refuseFirst   how many connections to answer "421" and close
     */
    FakeSmtpServer(SSLContext tls, boolean implicitTls, String authMechanisms, String password, int refuseFirst)
            throws IOException {
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.offerStartTls = tls != null && !implicitTls;
        this.authMechanisms = authMechanisms;
        this.password = password;
        this.refuseConnections = new AtomicInteger(refuseFirst);
        this.server = implicitTls
                ? tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    static FakeSmtpServer plain() throws IOException {
        return new FakeSmtpServer(null, false, "PLAIN LOGIN", "secret", 0);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<String> commands() {
        return commands;
    }

    Received await(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int pending() {
        return received.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket closing = socket) {
            Session s = new Session(socket);
            if (refuseConnections.getAndDecrement() > 0) {
                s.reply("421 busy, try later");
                return;
            }
            s.reply("220 fake.test ESMTP ready");
            String from = null;
            List<String> rcpts = new ArrayList<>();
            String credentials = null;
            String line;
            while ((line = s.in.readLine()) != null) {
                commands.add(line.startsWith("AUTH") ? line.split(" ")[0] + " " + line.split(" ")[1] : line);
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    s.reply("250-fake.test\r\n" + (offerStartTls && !s.secure ? "250-STARTTLS\r\n" : "")
                            + "250-AUTH " + authMechanisms + "\r\n250 8BITMIME");
                } else if (upper.equals("STARTTLS")) {
                    s.reply("220 go ahead");
                    s.upgrade(tls);
                } else if (upper.startsWith("AUTH PLAIN ")) {
                    credentials = new String(Base64.getDecoder().decode(line.substring(11)), StandardCharsets.UTF_8);
                    s.reply(credentials.endsWith("\0" + password) ? "235 ok" : "535 bad credentials");
                } else if (upper.equals("AUTH LOGIN")) {
                    s.reply("334 VXNlcm5hbWU6");
                    String user = decode(s.in.readLine());
                    s.reply("334 UGFzc3dvcmQ6");
                    String pass = decode(s.in.readLine());
                    credentials = "\0" + user + "\0" + pass;
                    s.reply(pass.equals(password) ? "235 ok" : "535 bad credentials");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = line.substring(10).replaceAll("[<>]", "");
                    s.reply("250 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    rcpts.add(line.substring(8).replaceAll("[<>]", ""));
                    s.reply("250 ok");
                } else if (upper.equals("DATA")) {
                    s.reply("354 end with .");
                    StringBuilder data = new StringBuilder();
                    String d;
                    while ((d = s.in.readLine()) != null && !d.equals(".")) {
                        data.append(d.startsWith(".") ? d.substring(1) : d).append("\r\n");
                    }
                    received.add(new Received(from, List.copyOf(rcpts), data.toString(), credentials, s.secure));
                    s.reply("250 queued");
                } else if (upper.equals("QUIT")) {
                    s.reply("221 bye");
                    return;
                } else {
                    s.reply("502 command unrecognized");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    /** The streams of one connection, replaced after STARTTLS. */
    private final class Session {
        Socket socket;
        BufferedReader in;
        OutputStream out;
        boolean secure;

        Session(Socket socket) throws IOException {
            use(socket);
            secure = implicitTls;
        }

        void use(Socket s) throws IOException {
            socket = s;
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = s.getOutputStream();
        }

        void upgrade(SSLContext context) throws IOException {
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            s.setUseClientMode(false);
            s.startHandshake();
            use(s);
            secure = true;
        }

        void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
