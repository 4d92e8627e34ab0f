package busmanager;

import static busmanager.http.Access.ADMIN;
import static busmanager.http.Access.AUTH;
import static busmanager.http.Access.PUBLIC;
import static busmanager.http.Access.TOKEN;

import busmanager.auth.AuthRoutes;
import busmanager.auth.LoginThrottle;
import busmanager.http.Router;
import busmanager.jobs.JobRoutes;
import busmanager.jobs.Jobs;
import busmanager.notifications.NotificationStreamRoutes;
import busmanager.schedules.ScheduleRoutes;
import busmanager.system.DocsRoutes;
import busmanager.system.SystemRoutes;

/** Every endpoint, who may call it, and what it does. The docs at /docs are made from this table. */
final class Routes {
    private Routes() {
    }

    static Router build(Deps d) {
        var system = new SystemRoutes(d.db());
        var auth = new AuthRoutes(d.db(), d.jwt(), new LoginThrottle(d.clock()), d.config().signupEnabled());
        Router r = new Router();
        var docs = new DocsRoutes(r);

        r.get("/", PUBLIC, system::root, "API name and version");
        r.get("/health", PUBLIC, system::health, "Health: 200 when the database answers, else 503");
        r.get("/openapi.json", PUBLIC, docs::openApi, "OpenAPI description of every endpoint");
        r.get("/docs", PUBLIC, docs::page, "This documentation page");

        // --- auth (api.md §2)
        r.post("/auth/login", PUBLIC, auth::login, "Log in; returns a 24 h bearer token and the user",
                "email*, password*");
        r.post("/auth/signup", PUBLIC, auth::signup, "Register a new driver account",
                "email*, password* (min 6), full_name*");
        r.get("/auth/me", TOKEN, auth::me, "The signed-in user with profile fields");
        r.post("/auth/change-password", TOKEN, auth::changePassword, "Change own password",
                "current_password*, new_password* (min 8)");

        // --- schedules (api.md §10)
        var schedules = new ScheduleRoutes(d);
        r.get("/schedules", AUTH, schedules::list, "Weekly schedules; filters bus_id, is_active");
        r.post("/schedules/generate-trips", ADMIN, schedules::generateTrips,
                "Create today's trips (business time zone) from the active schedules; camelCase summary",
                "none (body ignored)");
        r.get("/schedules/{schedule_id}", AUTH, schedules::get, "One schedule");
        r.post("/schedules", ADMIN, schedules::create, "Create a schedule",
                "bus_id*, route_id*, driver_id, days_of_week (monday..sunday), departure_time*, arrival_time* "
                        + "(HH:MM), is_two_way, return_departure_time, return_arrival_time, is_active, notes, "
                        + "is_overnight, arrival_next_day, turnaround_hours");
        r.put("/schedules/{schedule_id}", ADMIN, schedules::update, "Change a schedule (only the fields sent)",
                "any field of POST /schedules; null clears driver_id, return times, notes");
        r.delete("/schedules/{schedule_id}", ADMIN, schedules::delete,
                "Delete a schedule; its trips stay with schedule_id null");

        // --- background jobs and live notifications (jobs.md; api.md §16)
        var jobs = new JobRoutes(d, Jobs.runner(d));
        var stream = new NotificationStreamRoutes(d);
        r.get("/jobs", ADMIN, jobs::list, "Background jobs: what they do, when they run, their last run");
        r.post("/jobs/{name}/run", ADMIN, jobs::run, "Run a background job now (trip-generation, "
                + "trip-notifications, stock-alerts, tax-alerts, expiry-alerts) and return its summary",
                "none");
        r.get("/notifications/stream", PUBLIC, stream::stream, "Server-sent events: each new notification of "
                + "the caller as 'event: notification'; token in the Authorization header or ?token=");

        return r;
    }
}
