package busmanager.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock inside the server: one thread that looks every {@link #TICK_SECONDS} seconds whether a job's slot
 * is due and not yet run, and runs it. Looking often (instead of sleeping until the next run) keeps it right
 * when the system clock jumps, e.g. when a Raspberry Pi without a clock battery gets the time from the net.
 * Jobs run one after the other on this thread; mail goes out on threads of its own.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    static final int TICK_SECONDS = 20;

    private final JobRunner runner;
    private final Clock clock;
    private final Set<String> scheduled;
    private final Map<String, String> lastSlot = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    private volatile LocalDate lastPrune;

    /** @param scheduled names of the jobs to run by the clock (the others run only on demand) */
    public JobScheduler(JobRunner runner, Clock clock, Set<String> scheduled) {
        this.runner = runner;
        this.clock = clock;
        this.scheduled = Set.copyOf(scheduled);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jobs");
            t.setDaemon(true);
            return t;
        });
    }

    public JobScheduler start() {
        for (Job job : runner.jobs()) {
            LOG.info("Job {}: {}", job.name(), scheduled.contains(job.name()) ? job.schedule().describe()
                    + " (" + runner.zone() + ")" : "on demand only");
        }
        executor.scheduleWithFixedDelay(this::tick, 5, TICK_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    void tick() {
        try {
            runDueJobs(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Job scheduler tick failed", e); // keep ticking: an exception would end the schedule
        }
    }

    private void runDueJobs(Instant now) {
        for (Job job : runner.jobs()) {
            if (!scheduled.contains(job.name()) || !job.schedule().due(now, runner.zone())) {
                continue;
            }
            String slot = job.schedule().slot(now, runner.zone());
            if (slot.equals(lastSlot.get(job.name()))) {
                continue;
            }
            try {
                runner.runScheduled(job.name(), now);
                lastSlot.put(job.name(), slot);
            } catch (Exception e) {
                // Could not even claim the slot (database away): try again on the next tick.
                LOG.warn("Job {} could not start: {}", job.name(), e.toString());
            }
        }
        pruneOncePerDay(now);
    }

    private void pruneOncePerDay(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, runner.zone());
        if (today.equals(lastPrune)) {
            return;
        }
        try {
            runner.pruneHistory(today);
            lastPrune = today;
        } catch (Exception e) {
            LOG.warn("Could not prune job history: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
