package busmanager.jobs;

import busmanager.Deps;
import busmanager.db.Database;
import busmanager.http.ApiException;
import busmanager.http.Json;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.SQLException;
import java.time.Clock;

/** Admin view of the background jobs and a button to run one now (not used by the frontend). */
public final class JobRoutes {
    private static final String NOT_FOUND = "Job not found";

    private final JobRunner runner;
    private final Database db;
    private final Clock clock;
    private final Deps deps;

    public JobRoutes(Deps deps, JobRunner runner) {
        this.deps = deps;
        this.runner = runner;
        this.db = deps.db();
        this.clock = deps.clock();
    }

    /** Every job with its schedule and its last run. */
    public Reply list(Request req) throws SQLException {
        var cfg = deps.config().jobs();
        StringBuilder json = new StringBuilder("[");
        for (Job job : runner.jobs()) {
            String last = db.one("""
                    SELECT json_build_object('slot', slot, 'started_at', started_at, 'finished_at', finished_at,
                      'result', result::json)::text
                    FROM job_runs WHERE job = ? ORDER BY started_at DESC LIMIT 1""", job.name());
            json.append(json.length() > 1 ? "," : "").append(Json.of("name", job.name(),
                    "description", job.description(),
                    "schedule", cfg.runsOnSchedule(job.name()) ? job.schedule().describe() : "on demand only",
                    "time_zone", runner.zone().getId(),
                    "last_run", new Json.Raw(last == null ? "null" : last)));
        }
        return Reply.json(json.append(']').toString());
    }

    /** Runs the job now and answers with its summary; a failing job is a 500 naming it. */
    public Reply run(Request req) throws SQLException {
        String name = req.pathParam("name");
        if (runner.job(name) == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        JobRunner.Run run = runner.runNow(name, clock.instant());
        if (run.failed()) {
            throw new ApiException(500, "Job " + name + " failed: " + run.error());
        }
        return Reply.json(Json.write(g -> Json.writeValue(g, run.toMap())));
    }
}
