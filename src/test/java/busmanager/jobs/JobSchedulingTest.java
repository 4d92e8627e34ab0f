package busmanager.jobs;

import static busmanager.jobs.JobWorld.KOLKATA;
import static busmanager.jobs.JobWorld.at;
import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.config.Config;
import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import busmanager.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slots in the business zone, the scheduler on an injected clock, the admin endpoint. */
class JobSchedulingTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer(new MutableClock(Instant.parse("2025-01-15T01:30:00Z")));
    static JobWorld w;

    @BeforeAll
    static void setUp() {
        w = new JobWorld(api);
    }

    @Test
    void slotsAndDueTimesInTheBusinessZone() {
        JobSchedule daily = new JobSchedule.Daily(LocalTime.of(7, 0));
        assertThat(daily.slot(at("2025-01-15T06:59"), KOLKATA)).isEqualTo("2025-01-15");
        assertThat(daily.due(at("2025-01-15T06:59"), KOLKATA)).isFalse();
        assertThat(daily.due(at("2025-01-15T07:00"), KOLKATA)).isTrue();
        // 00:30 UTC is already 06:00 the next day in Kolkata... and 01:30 UTC is 07:00.
        assertThat(daily.slot(Instant.parse("2025-01-15T20:00:00Z"), KOLKATA)).isEqualTo("2025-01-16");
        JobSchedule hourly = new JobSchedule.Every(60);
        assertThat(hourly.slot(at("2025-01-15T10:42"), KOLKATA)).isEqualTo("2025-01-15T10:00");
        assertThat(new JobSchedule.Every(45).slot(at("2025-01-15T01:40"), KOLKATA)).isEqualTo("2025-01-15T01:30");
        assertThat(new JobSchedule.OnDemand().due(at("2025-01-15T10:00"), KOLKATA)).isFalse();
    }

    @Test
    void theSchedulerRunsADueSlotOnceAcrossSchedulers() {
        MutableClock clock = new MutableClock(at("2025-07-01T06:59"));
        JobScheduler first = new JobScheduler(api.app().jobs(), clock, Set.of("stock-alerts"));
        JobScheduler second = new JobScheduler(api.app().jobs(), clock, Set.of("stock-alerts"));
        try {
            first.tick();
            assertThat(api.sqlValue("SELECT count(*) FROM job_runs WHERE job = 'stock-alerts' "
                    + "AND slot = '2025-07-01'")).isEqualTo(0L);
            clock.set(at("2025-07-01T07:00"));
            first.tick();
            first.tick();
            second.tick();
            assertThat(api.sqlRows("SELECT finished_at, result FROM job_runs WHERE job = 'stock-alerts' "
                    + "AND slot = '2025-07-01'")).hasSize(1)
                    .allSatisfy(row -> assertThat((String) row.get("result")).contains("lowStockCount"));
            // Jobs not handed to the scheduler never run by the clock.
            assertThat(api.sqlValue("SELECT count(*) FROM job_runs WHERE job = 'tax-alerts' "
                    + "AND slot = '2025-07-01'")).isEqualTo(0L);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void jobNamesMatchTheConfiguration() {
        assertThat(api.app().jobs().jobs().stream().map(Job::name).toList()).isEqualTo(Config.Jobs.NAMES);
    }

    @Test
    void adminEndpointRunsAJobNow() {
        Res r = api.post("/jobs/stock-alerts/run", w.admin(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("job").asText()).isEqualTo("stock-alerts");
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.json().get("result").has("lowStockCount")).isTrue();
        assertThat(api.post("/jobs/stock-alerts/run", w.bystander().token(), Map.of()).status()).isEqualTo(403);
        assertThat(api.post("/jobs/stock-alerts/run", null, Map.of()).status()).isEqualTo(401);
        Res unknown = api.post("/jobs/make-coffee/run", w.admin(), Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("Job not found");

        JsonNode list = api.get("/jobs", w.admin()).json();
        assertThat(list).hasSize(6);
        JsonNode stock = list.get(2);
        assertThat(stock.get("name").asText()).isEqualTo("stock-alerts");
        // The test server runs with JOBS_ENABLED=false.
        assertThat(stock.get("schedule").asText()).isEqualTo("on demand only");
        assertThat(stock.get("time_zone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(stock.get("last_run").get("result").has("lowStockCount")).isTrue();
        assertThat(api.get("/jobs", w.bystander().token()).status()).isEqualTo(403);
    }

    @Test
    void aFailingJobIsReportedAndRecorded() {
        api.sqlUpdate("ALTER TABLE stock_items RENAME TO stock_items_away");
        try {
            Res r = api.post("/jobs/stock-alerts/run", w.admin(), body());
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.detail()).startsWith("Job stock-alerts failed: ").contains("stock_items")
                    .doesNotContain("\tat ");
        } finally {
            api.sqlUpdate("ALTER TABLE stock_items_away RENAME TO stock_items");
        }
        assertThat((String) api.sqlValue("SELECT result FROM job_runs WHERE job = 'stock-alerts' "
                + "ORDER BY started_at DESC LIMIT 1")).contains("\"error\"");
    }
}
