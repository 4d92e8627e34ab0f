package busmanager.jobs;

import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.Json;
import busmanager.notifications.NotificationLog;
import busmanager.schedules.TripGenerator;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs and records each run in {@code job_runs}. A scheduled run first claims its slot by inserting the
 * (job, slot) row: the primary key lets exactly one instance have it, the others skip. A claim whose run
 * never finished (the instance died) can be taken over after {@link #STALE_CLAIM}.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final String STALE_CLAIM = "2 hours";

    private final Database db;
    private final ZoneId zone;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final String instance = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    public JobRunner(Database db, ZoneId zone, List<Job> jobs) {
        this.db = db;
        this.zone = zone;
        for (Job j : jobs) {
            this.jobs.put(j.name(), j);
        }
    }

    /** The outcome of one run: the job's summary, or the error that stopped it. */
    public record Run(String job, String slot, Instant at, Map<String, Object> result, String error) {
        public boolean failed() {
            return error != null;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.put("slot", slot);
            m.put("success", error == null);
            m.put("result", result);
            m.put("error", error);
            return m;
        }
    }

    public List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    public Job job(String name) {
        return jobs.get(name);
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The planned run of the job for the slot {@code at} falls into, unless another run (on any instance)
     * already has that slot: then empty, and nothing is done.
     */
    public Optional<Run> runScheduled(String name, Instant at) throws SQLException {
        Job job = existing(name);
        String slot = job.schedule().slot(at, zone);
        boolean claimed = db.read(c -> Sql.update(c, """
                INSERT INTO job_runs (job, slot, instance) VALUES (?, ?, ?)
                ON CONFLICT (job, slot) DO UPDATE
                  SET instance = EXCLUDED.instance, started_at = now(), finished_at = NULL, result = NULL
                  WHERE job_runs.finished_at IS NULL AND job_runs.started_at < now() - interval '""" + STALE_CLAIM
                + "'", job.name(), slot, instance) == 1);
        if (!claimed) {
            LOG.debug("Job {} slot {} already run", name, slot);
            return Optional.empty();
        }
        return Optional.of(execute(job, slot, at));
    }

    /** Runs the job now, whatever ran before (admin endpoint, command line); the run is recorded too. */
    public Run runNow(String name, Instant at) throws SQLException {
        Job job = existing(name);
        String slot = "manual " + at + " " + UUID.randomUUID().toString().substring(0, 8);
        db.read(c -> Sql.update(c, "INSERT INTO job_runs (job, slot, instance) VALUES (?, ?, ?)", job.name(), slot,
                instance));
        return execute(job, slot, at);
    }

    private Job existing(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new IllegalArgumentException("unknown job '" + name + "' (jobs: " + String.join(", ", jobs.keySet())
                    + ")");
        }
        return job;
    }

    private Run execute(Job job, String slot, Instant at) throws SQLException {
        long started = System.nanoTime();
        Run run;
        try {
            Map<String, Object> result = job.action().run(at);
            run = new Run(job.name(), slot, at, result, null);
            LOG.info("Job {} ({}) done in {} ms: {}", job.name(), slot, (System.nanoTime() - started) / 1_000_000,
                    Json.write(g -> Json.writeValue(g, result)));
        } catch (Exception e) {
            LOG.error("Job {} ({}) failed", job.name(), slot, e);
            run = new Run(job.name(), slot, at, null, TripGenerator.shortMessage(e));
        }
        Map<String, Object> recorded = run.failed() ? Map.of("error", run.error()) : run.result();
        db.read(c -> Sql.update(c, "UPDATE job_runs SET finished_at = now(), result = ? WHERE job = ? AND slot = ?",
                Json.write(g -> Json.writeValue(g, recorded)), job.name(), slot));
        return run;
    }

    /** Forgets runs older than 90 days and the sent-alert record older than 60 days. */
    public void pruneHistory(java.time.LocalDate today) throws SQLException {
        db.read(c -> {
            Sql.update(c, "DELETE FROM job_runs WHERE started_at < now() - interval '90 days'");
            return NotificationLog.prune(c, today.minusDays(60));
        });
    }
}
