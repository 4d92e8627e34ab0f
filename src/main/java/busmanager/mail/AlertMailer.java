package busmanager.mail;

import busmanager.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alert e-mails in the background: each message gets a virtual thread that tries a few times with
 * growing pauses and then gives up with an error in the log. Callers (jobs) never wait and never fail
 * because of mail. Without SMTP_HOST it is off and {@link #queue} does nothing.
 */
public final class AlertMailer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertMailer.class);
    /** Pauses before the 2nd, 3rd and 4th attempt. */
    public static final List<Duration> DEFAULT_RETRY_PAUSES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30));

    private final Config.Mail config;
    private final SmtpClient client;
    private final List<Duration> retryPauses;
    private final Set<Thread> sending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();

    public AlertMailer(Config.Mail config, SmtpClient client, List<Duration> retryPauses) {
        this.config = config;
        this.client = client;
        this.retryPauses = List.copyOf(retryPauses);
    }

    public static AlertMailer of(Config.Mail config, Clock clock) {
        return new AlertMailer(config, new SmtpClient(config, clock), DEFAULT_RETRY_PAUSES);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Where alerts go: the configured addresses plus those in the setting (comma or semicolon separated). */
    public List<String> recipients(String fromSetting) {
        Set<String> all = new LinkedHashSet<>(config.recipients());
        if (fromSetting != null) {
            for (String s : fromSetting.split("[,;\\s]+")) {
                if (MailMessage.isAddress(s.strip())) {
                    all.add(s.strip());
                }
            }
        }
        return List.copyOf(all);
    }

    /** Sends the message in the background; false (and nothing sent) when mail is off or has no recipient. */
    public boolean queue(MailMessage message) {
        if (!enabled() || message.to().isEmpty()) {
            return false;
        }
        pending.incrementAndGet();
        Thread.ofVirtual().name("mail").start(() -> deliver(message));
        return true;
    }

    private void deliver(MailMessage message) {
        sending.add(Thread.currentThread());
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.send(message);
                    LOG.info("Alert e-mail '{}' sent to {}", message.subject(), message.to());
                    return;
                } catch (Exception e) {
                    if (attempt > retryPauses.size()) {
                        LOG.error("Alert e-mail '{}' not sent after {} attempts: {}", message.subject(), attempt,
                                e.getMessage());
                        return;
                    }
                    Duration pause = retryPauses.get(attempt - 1);
                    LOG.warn("Alert e-mail '{}' failed (attempt {}): {}; retrying in {} s", message.subject(),
                            attempt, e.getMessage(), pause.toSeconds());
                    Thread.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            LOG.warn("Alert e-mail '{}' abandoned: server stopping", message.subject());
        } finally {
            sending.remove(Thread.currentThread());
            synchronized (pending) {
                pending.decrementAndGet();
                pending.notifyAll();
            }
        }
    }

    /** Waits until every queued message is sent or given up, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pending) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                pending.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Stops retrying: messages still waiting for a retry are abandoned. */
    @Override
    public void close() {
        for (Thread t : sending) {
            t.interrupt();
        }
    }
}
