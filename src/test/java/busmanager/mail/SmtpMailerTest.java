package busmanager.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import busmanager.config.Config;
import busmanager.testing.ApiServer;
import busmanager.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP client and the background mailer against a fake SMTP server; then a job's alert e-mail end to end. */
class SmtpMailerTest {
    static final FakeSmtpServer jobSmtp = start();
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-08-01T01:30:00Z")))
            .env("SMTP_HOST", "127.0.0.1").env("SMTP_PORT", String.valueOf(jobSmtp.port()))
            .env("SMTP_TLS", "none").env("SMTP_USER", "bot@fleet.in").env("SMTP_PASS", "secret")
            .env("ALERT_EMAIL_TO", "owner@fleet.in");

    static final Clock CLOCK = Clock.systemUTC();
    static final String SUBJECT = "🚨 Low Stock Alert: 2 item(s) need attention";
    static final MailMessage MESSAGE = new MailMessage(List.of("owner@fleet.in", "manager@fleet.in"), SUBJECT,
            AlertEmail.html("Low Stock Alert", "Items below threshold:", List.of("Item Name", "Current Stock"),
                    List.of(List.of("Water Bottles (1L)", "10 pieces"), List.of("Brake <pads>", "₹1,23,456.00")),
                    "Please restock."));
    static Path keystore;
    static SSLContext serverTls;
    static SSLContext clientTls;

    private static FakeSmtpServer start() {
        try {
            return FakeSmtpServer.plain();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeAll
    static void certificate() throws Exception {
        keystore = Files.createTempDirectory("smtp-tls").resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true)
                .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() throws IOException {
        jobSmtp.close();
    }

    static Config.Mail mail(int port, String tls, String user) {
        return new Config.Mail("localhost", port, user, "secret", tls, "BusManager <bot@fleet.in>",
                List.of("owner@fleet.in"));
    }

    static SmtpClient client(int port, String tls, String user) {
        return new SmtpClient(mail(port, tls, user), CLOCK, clientTls.getSocketFactory());
    }

    /** The decoded body of the MIME part with that content type. */
    static String part(String data, String contentType) {
        Matcher m = Pattern.compile("Content-Type: " + Pattern.quote(contentType)
                + "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--")
                .matcher(data);
        assertThat(m.find()).as("part " + contentType + " in\n" + data).isTrue();
        return new String(Base64.getDecoder().decode(m.group(1).replace("\r\n", "")), StandardCharsets.UTF_8);
    }

    /** The Subject header, RFC 2047 words decoded and unfolded. */
    static String subject(String data) {
        Matcher m = Pattern.compile("\r\nSubject: ((?:.*)(?:\r\n .*)*)\r\n").matcher(data);
        assertThat(m.find()).isTrue();
        StringBuilder out = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Matcher word = Pattern.compile("=\\?UTF-8\\?B\\?([^?]*)\\?=").matcher(m.group(1));
        boolean any = false;
        while (word.find()) {
            bytes.writeBytes(Base64.getDecoder().decode(word.group(1)));
            any = true;
        }
        return any ? bytes.toString(StandardCharsets.UTF_8) : out.append(m.group(1)).toString();
    }

    @Test
    void sendsAnHtmlMessageWithAuthPlain() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.plain()) {
            client(smtp.port(), "none", "bot@fleet.in").send(MESSAGE);
            FakeSmtpServer.Received r = smtp.await(Duration.ofSeconds(5));
            assertThat(r).isNotNull();
            assertThat(r.from()).isEqualTo("bot@fleet.in");
            assertThat(r.recipients()).containsExactly("owner@fleet.in", "manager@fleet.in");
            assertThat(r.credentials()).isEqualTo("\0bot@fleet.in\0secret");
            assertThat(r.data()).contains("From: BusManager <bot@fleet.in>\r\n")
                    .contains("To: owner@fleet.in, manager@fleet.in\r\n").contains("MIME-Version: 1.0\r\n")
                    .contains("Content-Type: multipart/alternative;").startsWith("Date: ");
            assertThat(subject(r.data())).isEqualTo(SUBJECT);
            String html = part(r.data(), "text/html");
            assertThat(html).contains("<h2", "Water Bottles (1L)", "Brake &lt;pads&gt;", "₹1,23,456.00");
            String text = part(r.data(), "text/plain");
            assertThat(text).contains("Low Stock Alert", "Water Bottles (1L) | 10 pieces", "Brake <pads>")
                    .doesNotContain("<td>");
            assertThat(smtp.commands()).contains("QUIT").anyMatch(c -> c.startsWith("EHLO "));
        }
    }

    @Test
    void usesAuthLoginWhenThatIsAllTheServerOffers() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(null, false, "LOGIN", "secret", 0)) {
            client(smtp.port(), "none", "bot@fleet.in").send(MESSAGE);
            assertThat(smtp.await(Duration.ofSeconds(5)).credentials()).isEqualTo("\0bot@fleet.in\0secret");
            assertThat(smtp.commands()).contains("AUTH LOGIN");
        }
    }

    @Test
    void withoutUserThereIsNoAuth() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.plain()) {
            client(smtp.port(), "none", null).send(MESSAGE);
            assertThat(smtp.await(Duration.ofSeconds(5)).credentials()).isNull();
        }
    }

    @Test
    void startTlsUpgradesTheConnectionBeforeAuthenticating() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(serverTls, false, "PLAIN", "secret", 0)) {
            client(smtp.port(), "starttls", "bot@fleet.in").send(MESSAGE);
            FakeSmtpServer.Received r = smtp.await(Duration.ofSeconds(5));
            assertThat(r.secure()).isTrue();
            assertThat(subject(r.data())).isEqualTo(SUBJECT);
            assertThat(smtp.commands().indexOf("STARTTLS")).isLessThan(smtp.commands().indexOf("AUTH PLAIN"));
        }
    }

    @Test
    void implicitTlsFromTheFirstByte() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(serverTls, true, "PLAIN", "secret", 0)) {
            client(smtp.port(), "ssl", "bot@fleet.in").send(MESSAGE);
            assertThat(smtp.await(Duration.ofSeconds(5)).secure()).isTrue();
        }
    }

    @Test
    void refusesToContinueWithoutTheAskedForTls() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.plain()) {
            assertThatThrownBy(() -> client(smtp.port(), "starttls", "bot@fleet.in").send(MESSAGE))
                    .hasMessageContaining("STARTTLS");
            assertThat(smtp.pending()).isZero();
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(serverTls, true, "PLAIN", "secret", 0)) {
            SmtpClient defaultTrust = new SmtpClient(mail(smtp.port(), "ssl", "bot@fleet.in"), CLOCK);
            assertThatThrownBy(() -> defaultTrust.send(MESSAGE)).isInstanceOf(IOException.class);
            assertThat(smtp.pending()).isZero();
        }
    }

    @Test
    void rejectedCredentialsAreAnErrorThatDoesNotShowThePassword() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(null, false, "PLAIN", "other-password", 0)) {
            assertThatThrownBy(() -> client(smtp.port(), "none", "bot@fleet.in").send(MESSAGE))
                    .isInstanceOf(SmtpClient.SmtpException.class).hasMessageContaining("535")
                    .hasMessageNotContaining("secret")
                    .hasMessageNotContaining(Base64.getEncoder().encodeToString("\0bot@fleet.in\0secret".getBytes()));
        }
    }

    @Test
    void dotStuffingAndLineEnds() {
        assertThat(SmtpClient.dotStuff("a\r\n.b\r\n..c\r\n.\r\n")).isEqualTo("a\r\n..b\r\n...c\r\n..\r\n");
        assertThat(SmtpClient.dotStuff("x\n.\ny")).isEqualTo("x\r\n..\r\ny\r\n");
    }

    @Test
    void longUtf8SubjectsBecomeShortEncodedWords() {
        String subject = "📅 Tax Payment Reminder: ₹ ".repeat(6);
        String encoded = MailMessage.encodeHeader(subject);
        for (String line : encoded.split("\r\n")) {
            assertThat(line.strip().length()).isLessThanOrEqualTo(75);
        }
        assertThat(subject("\r\nSubject: " + encoded + "\r\n")).isEqualTo(subject);
        assertThat(MailMessage.encodeHeader("Plain subject")).isEqualTo("Plain subject");
        assertThat(new MailMessage(List.of("a@b.in"), "Line\r\nBcc: x@y.in", "<p>x</p>").subject())
                .doesNotContain("\n");
    }

    @Test
    void theMailerRetriesInTheBackgroundThenDelivers() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(null, false, "PLAIN", "secret", 2);
             AlertMailer mailer = new AlertMailer(mail(smtp.port(), "none", "bot@fleet.in"),
                     client(smtp.port(), "none", "bot@fleet.in"), List.of(Duration.ofMillis(50),
                     Duration.ofMillis(100), Duration.ofMillis(100)))) {
            long started = System.nanoTime();
            assertThat(mailer.queue(MESSAGE)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            FakeSmtpServer.Received r = smtp.await(Duration.ofSeconds(10));
            assertThat(r).isNotNull();
            assertThat(smtp.connections()).isEqualTo(3);
            assertThat(mailer.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void theMailerGivesUpAfterItsLastAttempt() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(null, false, "PLAIN", "secret", 100);
             AlertMailer mailer = new AlertMailer(mail(smtp.port(), "none", "bot@fleet.in"),
                     client(smtp.port(), "none", "bot@fleet.in"), List.of(Duration.ofMillis(20),
                     Duration.ofMillis(20)))) {
            assertThat(mailer.queue(MESSAGE)).isTrue();
            assertThat(mailer.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(smtp.connections()).isEqualTo(3);
            assertThat(smtp.pending()).isZero();
        }
    }

    @Test
    void recipientsAndTheOffSwitch() {
        AlertMailer off = AlertMailer.of(new Config.Mail(null, 0, null, null, "none", null, List.of()), CLOCK);
        assertThat(off.enabled()).isFalse();
        assertThat(off.queue(MESSAGE)).isFalse();
        AlertMailer on = AlertMailer.of(mail(25, "none", null), CLOCK);
        assertThat(on.recipients("accounts@fleet.in; owner@fleet.in, not-an-address"))
                .containsExactly("owner@fleet.in", "accounts@fleet.in");
        assertThat(on.recipients(null)).containsExactly("owner@fleet.in");
    }

    @Test
    void anAlertJobMailsTheAdminsOncePerDay() throws Exception {
        api.newAdmin();
        api.sqlUpdate("UPDATE stock_items SET quantity = 1000");
        api.sqlUpdate("INSERT INTO stock_items (item_name, quantity, unit, low_stock_threshold) VALUES "
                + "('Engine oil', 1, 'litres', 10)");
        api.sqlUpdate("INSERT INTO admin_settings (key, value) VALUES ('admin_alert_email', 'accounts@fleet.in')");
        var run = api.app().jobs().runNow("stock-alerts", Instant.parse("2025-08-01T01:30:00Z"));
        assertThat(run.result().get("emailQueued")).isEqualTo(true);
        FakeSmtpServer.Received r = jobSmtp.await(Duration.ofSeconds(10));
        assertThat(r).isNotNull();
        assertThat(r.recipients()).containsExactly("owner@fleet.in", "accounts@fleet.in");
        assertThat(subject(r.data())).isEqualTo("🚨 Low Stock Alert: 1 item(s) need attention");
        assertThat(part(r.data(), "text/html")).contains("Engine oil", "1 litres", "10 litres");

        var again = api.app().jobs().runNow("stock-alerts", Instant.parse("2025-08-01T09:30:00Z"));
        assertThat(again.result().get("emailQueued")).isEqualTo(false);
        assertThat(api.app().deps().mailer().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(jobSmtp.pending()).isZero();
    }
}
