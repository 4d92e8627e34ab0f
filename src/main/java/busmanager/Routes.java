package busmanager;

import static busmanager.http.Access.ADMIN;
import static busmanager.http.Access.AUTH;
import static busmanager.http.Access.PUBLIC;
import static busmanager.http.Access.TOKEN;

import busmanager.auth.AuthRoutes;
import busmanager.auth.LoginThrottle;
import busmanager.http.Router;
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

        // --- trips and expenses (api.md §6, §7)
        var trips = new busmanager.trips.TripRoutes(d);
        r.get("/trips/my", AUTH, trips::listMine,
                "Own trips, newest first; query status, driver_id, bus_id, from_date, to_date, start_date, "
                        + "end_date, limit, offset");
        r.get("/trips", AUTH, trips::list,
                "Trips, newest first (drivers: own only; repair organizations: none); query status, driver_id, "
                        + "bus_id, from_date, to_date (trip day), start_date, end_date (start time), limit, offset");
        r.get("/trips/{trip_id}", AUTH, trips::get, "One trip (drivers: own only)");
        r.post("/trips", ADMIN, trips::create, "Create a trip; bus and driver names are kept as snapshots",
                "trip_number*, route_id*, start_date*, bus_id, driver_id, schedule_id, end_date, trip_date, "
                        + "status, trip_type, notes, departure_time, arrival_time");
        r.put("/trips/{trip_id}", busmanager.http.Access.ADMIN_DRIVER, trips::update,
                "Update a trip. Admin: any field. Driver (own trip): odometers, water_taken, end_date and status "
                        + "scheduled->in_progress->completed. A change of water_taken moves water stock",
                "trip_number, bus_id, driver_id, route_id, start_date, end_date, trip_date, status, trip_type, "
                        + "notes, departure/arrival times, odometers, revenues, gst_percentage, water_taken, "
                        + "return_total_revenue, return_total_expense");
        r.delete("/trips/{trip_id}", ADMIN, trips::delete,
                "Delete a trip with its expenses; invoices and chained trips lose the link");

        var expenses = new busmanager.expenses.ExpenseRoutes(d);
        r.get("/expenses/my", AUTH, expenses::listMine,
                "Own expenses, newest first; query status, trip_id, route_id, from_date, to_date, limit, offset");
        r.get("/expenses", AUTH, expenses::list,
                "Expenses, newest first (drivers: own only; repair organizations: none); query status, trip_id, "
                        + "route_id, submitted_by, from_date, to_date (expense date), limit, offset");
        r.get("/expenses/{expense_id}", AUTH, expenses::get, "One expense (drivers: own only)");
        r.post("/expenses", AUTH, expenses::create,
                "Submit an expense (pending) for a trip; drivers only for their own trips",
                "trip_id*, category_id*, amount* (>= 0), expense_date (default today), description, "
                        + "document_url (http(s) or /uploads/...), fuel_quantity");
        r.put("/expenses/{expense_id}", busmanager.http.Access.ADMIN_DRIVER, expenses::update,
                "Update an expense. Driver: own and pending only. Admin: also approve or deny",
                "amount, expense_date, description, document_url, fuel_quantity; admin: status, admin_remarks");
        r.delete("/expenses/{expense_id}", busmanager.http.Access.ADMIN_DRIVER, expenses::delete,
                "Delete an expense (drivers: own and pending only)");

        return r;
    }
}
