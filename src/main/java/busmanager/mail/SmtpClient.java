package busmanager.mail;

import busmanager.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal SMTP client on JDK sockets: EHLO, STARTTLS (or TLS from the first byte), AUTH PLAIN or LOGIN,
 * MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. One connection per message; the server's certificate
 * and host name are checked.
 */
public final class SmtpClient {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final Config.Mail config;
    private final Clock clock;
    private final Supplier<SSLSocketFactory> tlsFactory;

    /**
     * With the JDK's default trust store, loaded at the first TLS connection: parsing the CA certificates costs
     * about 2 MiB of heap and metaspace, which a server without mail should not pay.
     */
    public SmtpClient(Config.Mail config, Clock clock) {
        this(config, clock, () -> (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With the TLS socket factory to use (tests trust their own certificate this way). */
    public SmtpClient(Config.Mail config, Clock clock, SSLSocketFactory tls) {
        this(config, clock, () -> tls);
    }

    private SmtpClient(Config.Mail config, Clock clock, Supplier<SSLSocketFactory> tlsFactory) {
        this.config = config;
        this.clock = clock;
        this.tlsFactory = tlsFactory;
    }

    /** A reply the client did not expect; the message holds the command and the server's answer. */
    public static final class SmtpException extends IOException {
        public SmtpException(String message) {
            super(message);
        }
    }

    public void send(MailMessage message) throws IOException {
        try (Connection c = open()) {
            c.expect(220, null);
            List<String> ehlo = c.expect(250, "EHLO " + heloName());
            if ("starttls".equals(config.tls())) {
                if (!has(ehlo, "STARTTLS")) {
                    throw new SmtpException("server does not offer STARTTLS (set SMTP_TLS=none or ssl)");
                }
                c.expect(220, "STARTTLS");
                c.startTls(tlsFactory.get(), config.host(), config.port());
                ehlo = c.expect(250, "EHLO " + heloName());
            }
            if (config.user() != null && !config.user().isEmpty()) {
                authenticate(c, ehlo);
            }
            c.expect(250, "MAIL FROM:<" + address(config.from()) + ">");
            for (String rcpt : message.to()) {
                c.expect(250, "RCPT TO:<" + rcpt + ">", 251);
            }
            c.expect(354, "DATA");
            ZonedDateTime now = ZonedDateTime.now(clock);
            c.writeRaw(dotStuff(message.mime(config.from(), now)) + ".\r\n");
            c.expect(250, null);
            c.quit();
        }
    }

    private void authenticate(Connection c, List<String> ehlo) throws IOException {
        String password = config.password() == null ? "" : config.password();
        String auth = ehlo.stream().map(l -> l.toUpperCase(Locale.ROOT))
                .filter(l -> l.startsWith("AUTH ") || l.startsWith("AUTH=")).findFirst().orElse("");
        if (auth.contains("PLAIN") || !auth.contains("LOGIN")) {
            String token = b64("\0" + config.user() + "\0" + password);
            c.expectSecret(235, "AUTH PLAIN " + token, "AUTH PLAIN");
        } else {
            c.expect(334, "AUTH LOGIN");
            c.expectSecret(334, b64(config.user()), "(user name)");
            c.expectSecret(235, b64(password), "(password)");
        }
    }

    /**
     * The DATA payload: CRLF line ends, ending with CRLF, and a leading dot doubled on every line so that a
     * line "." inside the message cannot end it (RFC 5321 4.5.2).
     */
    static String dotStuff(String data) {
        String[] lines = data.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int count = lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        StringBuilder out = new StringBuilder(data.length() + 64);
        for (int i = 0; i < count; i++) {
            if (lines[i].startsWith(".")) {
                out.append('.');
            }
            out.append(lines[i]).append("\r\n");
        }
        return out.toString();
    }

    private static boolean has(List<String> ehlo, String extension) {
        return ehlo.stream().anyMatch(l -> l.toUpperCase(Locale.ROOT).startsWith(extension));
    }

    /** The bare address of a From value such as {@code "BusManager <bot@x.in>"}. */
    private static String address(String from) {
        int lt = from.indexOf('<');
        int gt = from.indexOf('>');
        return lt >= 0 && gt > lt ? from.substring(lt + 1, gt) : from.strip();
    }

    private static String heloName() {
        String host = System.getenv("HOSTNAME");
        return host == null || !host.matches("[A-Za-z0-9.-]+") ? "busmanager.localdomain" : host;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private Connection open() throws IOException {
        Socket socket;
        if ("ssl".equals(config.tls())) {
            SSLSocket s = (SSLSocket) tlsFactory.get().createSocket();
            s.connect(new InetSocketAddress(config.host(), config.port()), TIMEOUT_MILLIS);
            checkHostName(s);
            socket = s;
        } else {
            socket = new Socket();
            socket.connect(new InetSocketAddress(config.host(), config.port()), TIMEOUT_MILLIS);
        }
        socket.setSoTimeout(TIMEOUT_MILLIS);
        if (socket instanceof SSLSocket s) {
            s.startHandshake();
        }
        return new Connection(socket);
    }

    private static void checkHostName(SSLSocket s) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
    }

    /** One SMTP session: commands out, (multi-line) replies in. */
    private static final class Connection implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket s) throws IOException {
            this.socket = s;
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
        }

        void startTls(SSLSocketFactory factory, String host, int port) throws IOException {
            SSLSocket s = (SSLSocket) factory.createSocket(socket, host, port, true);
            checkHostName(s);
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.startHandshake();
            use(s);
        }

        List<String> expect(int code, String command, int... alsoOk) throws IOException {
            return exchange(code, command, command, alsoOk);
        }

        /** Like expect, but the command (credentials) never appears in an error message. */
        List<String> expectSecret(int code, String command, String shownAs) throws IOException {
            return exchange(code, command, shownAs);
        }

        private List<String> exchange(int code, String command, String shownAs, int... alsoOk) throws IOException {
            if (command != null) {
                writeRaw(command + "\r\n");
            }
            List<String> lines = new ArrayList<>();
            int got;
            while (true) {
                String line = readLine();
                if (line.length() < 3) {
                    throw new SmtpException("malformed reply '" + line + "'");
                }
                got = Integer.parseInt(line.substring(0, 3).replaceAll("\\D", "0"));
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) != '-') {
                    break;
                }
            }
            boolean ok = got == code;
            for (int other : alsoOk) {
                ok |= got == other;
            }
            if (!ok) {
                throw new SmtpException((shownAs == null ? "greeting" : shownAs) + " answered " + got + " "
                        + String.join(" ", lines));
            }
            return lines;
        }

        void writeRaw(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    break;
                }
                if (b != '\r') {
                    line.write(b);
                }
                if (line.size() > 4096) {
                    throw new SmtpException("reply line too long");
                }
            }
            if (b == -1 && line.size() == 0) {
                throw new SmtpException("connection closed by the server");
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        void quit() {
            try {
                writeRaw("QUIT\r\n");
                readLine();
            } catch (IOException ignored) {
                // the message is already accepted; a server that hangs up early is fine
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
