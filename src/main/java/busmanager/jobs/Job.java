package busmanager.jobs;

import java.time.Instant;
import java.util.Map;

/** A background job: its name (as in URLs and on the command line), what it does, when it runs, the work. */
public record Job(String name, String description, JobSchedule schedule, Action action) {
    /** The work; {@code at} is "now" for the run. Returns a small JSON-able summary. */
    @FunctionalInterface
    public interface Action {
        Map<String, Object> run(Instant at) throws Exception;
    }
}
