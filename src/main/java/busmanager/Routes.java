package busmanager;

import static busmanager.http.Access.ADMIN;
import static busmanager.http.Access.ADMIN_DRIVER;
import static busmanager.http.Access.AUTH;
import static busmanager.http.Access.PUBLIC;
import static busmanager.http.Access.REPAIR_ORG;
import static busmanager.http.Access.TOKEN;

import busmanager.auth.AuthRoutes;
import busmanager.auth.LoginThrottle;
import busmanager.buses.BusRoutes;
import busmanager.busroutes.BusRouteRoutes;
import busmanager.categories.CategoryRoutes;
import busmanager.expenses.ExpenseRoutes;
import busmanager.http.Router;
import busmanager.invoices.InvoiceLineItemRoutes;
import busmanager.invoices.InvoicePaymentRoutes;
import busmanager.invoices.InvoiceRoutes;
import busmanager.jobs.JobRoutes;
import busmanager.jobs.JobRunner;
import busmanager.notifications.NotificationRoutes;
import busmanager.notifications.NotificationStreamRoutes;
import busmanager.repairs.RepairOrgRoutes;
import busmanager.repairs.RepairRoutes;
import busmanager.schedules.ScheduleRoutes;
import busmanager.settings.SettingsRoutes;
import busmanager.states.StateRoutes;
import busmanager.stock.StockAdjustments;
import busmanager.stock.StockRoutes;
import busmanager.system.DocsRoutes;
import busmanager.system.SystemRoutes;
import busmanager.trips.TripRoutes;
import busmanager.uploads.UploadRoutes;
import busmanager.uploads.UploadedFileRoutes;
import busmanager.users.DriverRoutes;
import busmanager.users.RoleAssignment;
import busmanager.users.UserDeletion;
import busmanager.web.WebAppHandler;

/** Every endpoint, who may call it, and what it does. The docs at /docs are made from this table. */
final class Routes {
    private Routes() {
    }

    static Router build(Deps d, JobRunner jobRunner) {
        var system = new SystemRoutes(d.db());
        var auth = new AuthRoutes(d.db(), d.jwt(), new LoginThrottle(d.clock()), d.config().signupEnabled());
        Router r = new Router();
        var docs = new DocsRoutes(r);

        var web = WebAppHandler.of(d.config().webDir());
        r.get("/", PUBLIC, web == null ? system::root : web.navigationOr(system::root),
                "API name and version (a browser gets the web app instead when WEB_DIR is set)");
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

        // --- uploads (api.md §14, §1.3)
        var uploads = new UploadRoutes(d);
        var uploadedFiles = new UploadedFileRoutes(d);
        r.get("/uploads/{subdir}/{filename}", PUBLIC, uploadedFiles::serve,
                "An uploaded file (expenses, repairs or logos), typed by its extension, never served as HTML");
        r.post("/upload/expense", AUTH, uploads::uploadExpense,
                "Upload an expense bill or receipt: multipart/form-data with part file* (JPEG, PNG, WebP or PDF, "
                        + "up to UPLOAD_MAX_BYTES); returns url, filename, content_type", null);
        r.post("/upload/repair", AUTH, uploads::uploadRepair,
                "Upload a repair photo: multipart/form-data with part file* (JPEG, PNG or WebP, up to "
                        + "UPLOAD_MAX_BYTES); returns url, filename, content_type", null);
        r.post("/upload/logo", ADMIN, uploads::uploadLogo,
                "Upload the company logo, replacing the previous one: multipart/form-data with part file* "
                        + "(JPEG, PNG, WebP or SVG, up to 2 MB); returns url, filename, content_type", null);
        r.delete("/upload/expense/{filename}", AUTH, uploads::deleteExpense,
                "Delete an uploaded expense file (admin: any; others: only files they uploaded)");
        r.delete("/upload/repair/{filename}", AUTH, uploads::deleteRepair,
                "Delete an uploaded repair photo (admin: any; others: only files they uploaded)");
        // --- fleet, people and reference data (api.md §3, §4, §5, §7.3, §8, §9, §15, §16)
        var buses = new BusRoutes(d.db());
        r.get("/buses", AUTH, buses::list, "Buses by registration; admins get every field, others a short form");
        r.get("/buses/{bus_id}", AUTH, buses::get, "One bus; admins get every field, others a short form");
        r.post("/buses", ADMIN, buses::create, "Add a bus",
                "registration_number*, bus_name, capacity, bus_type, status, insurance_expiry, puc_expiry, "
                        + "fitness_expiry, ownership_type, partner_name, company_profit_share, "
                        + "partner_profit_share, home_state_id, monthly_tax_amount, tax_due_day, "
                        + "last_tax_paid_date, next_tax_due_date");
        r.put("/buses/{bus_id}", ADMIN, buses::update, "Change a bus (only the fields sent)",
                "any field of POST /buses");
        r.delete("/buses/{bus_id}", ADMIN, buses::delete,
                "Delete a bus with its schedules and tax records; trips, invoices and repairs keep their data");
        var busRoutes = new BusRouteRoutes(d.db());
        r.get("/routes", AUTH, busRoutes::list, "Routes by name, with their states");
        r.get("/routes/{route_id}", AUTH, busRoutes::get, "One route with its states");
        r.post("/routes", ADMIN, busRoutes::create, "Add a route",
                "route_name*, from_state_id*, to_state_id*, from_address, to_address, distance_km, "
                        + "estimated_duration_hours");
        r.put("/routes/{route_id}", ADMIN, busRoutes::update, "Change a route (only the fields sent)",
                "any field of POST /routes");
        r.delete("/routes/{route_id}", ADMIN, busRoutes::delete,
                "Delete a route and its schedules; refused (409) while trips use it");
        var states = new StateRoutes(d.db());
        r.get("/states", AUTH, states::list, "Indian states and union territories by name");
        var categories = new CategoryRoutes(d.db());
        r.get("/expense-categories", AUTH, categories::list,
                "Expense categories by name; ?name= matches a whole name, any letter case");
        r.get("/expenses/categories", AUTH, categories::listWithoutTimestamps,
                "Expense categories by name, without created_at");
        r.get("/expense-categories/{category_id}", AUTH, categories::get, "One expense category");
        r.post("/expense-categories", ADMIN, categories::create, "Add an expense category",
                "name*, description, icon");
        r.put("/expense-categories/{category_id}", ADMIN, categories::update,
                "Change an expense category (only the fields sent)", "name, description, icon");
        r.delete("/expense-categories/{category_id}", ADMIN, categories::delete,
                "Delete an expense category; refused (409) while expenses use it");
        var drivers = new DriverRoutes(d.db());
        var roleAssignment = new RoleAssignment(d.db());
        var userDeletion = new UserDeletion(d.db());
        r.get("/drivers", ADMIN, drivers::list, "Every user profile (all roles), newest first; ?role= filters");
        r.get("/drivers/roles", ADMIN, drivers::roles, "Every role row");
        r.post("/drivers/assign-role", ADMIN, roleAssignment::assign,
                "Set a user's role (effective on their next request)", "user_id* (auth user id), role*");
        String newUserFields = "email*, password* (min 6), full_name*, phone (max 15), license_number, "
                + "license_expiry, address, role (driver|repair_org), repair_org_id (required for repair_org)";
        r.post("/drivers/create", ADMIN, drivers::create, "Create a driver (or repair workshop) login",
                newUserFields);
        r.post("/drivers", ADMIN, drivers::create, "Create a driver (or repair workshop) login; same as "
                + "/drivers/create", newUserFields);
        r.get("/drivers/me", TOKEN, drivers::me, "The caller's own profile, with repair_org_id");
        r.get("/drivers/{driver_id}", AUTH, drivers::get, "A profile; non-admins only their own");
        r.put("/drivers/{driver_id}", AUTH, drivers::update, "Change a profile; non-admins only their own",
                "full_name, phone (max 15), license_number, license_expiry, address");
        r.delete("/drivers/{driver_id}", ADMIN, userDeletion::delete,
                "Delete a user; their trips keep the name; refused (409) when they submitted expenses");
        var settings = new SettingsRoutes(d.db());
        r.get("/settings", ADMIN, settings::list, "Every admin setting by key");
        r.get("/settings/{key}", ADMIN, settings::get,
                "One setting; built-in defaults for expiry_alert_days, fuel_price_per_liter, gst_percentage");
        r.put("/settings", ADMIN, settings::putAll, "Save several settings at once",
                "settings*: [{key*, value}]");
        r.put("/settings/{key}", ADMIN, settings::put, "Save one setting", "value*, description");
        var notifications = new NotificationRoutes(d.db());
        r.get("/notifications", AUTH, notifications::list,
                "Own notifications, newest first; ?unread_only=, ?limit= (default 50)");
        r.put("/notifications/read-all", AUTH, notifications::markAllRead, "Mark all own notifications read",
                null);
        r.put("/notifications/{notification_id}/read", AUTH, notifications::markRead,
                "Mark one own notification read", null);
        r.delete("/notifications/{notification_id}", AUTH, notifications::delete, "Delete one own notification");
        // --- stock, invoices, repairs (api.md §11, §12, §13)
        var stock = new StockRoutes(d);
        var stockAdjust = new StockAdjustments(d);
        r.get("/stock", ADMIN_DRIVER, stock::list, "Stock items by name; ?name= matches part of the name");
        r.get("/stock/transactions", ADMIN_DRIVER, stock::transactions,
                "Stock history, newest first; ?stock_item_id=, ?limit=");
        r.get("/stock/{item_id}", ADMIN_DRIVER, stock::get, "One stock item");
        r.post("/stock", ADMIN, stock::create, "Add a stock item",
                "item_name*, quantity, unit, unit_price, low_stock_threshold, gst_percentage, notes");
        r.put("/stock/{item_id}", ADMIN, stock::update, "Edit a stock item; a new quantity is logged as an adjustment",
                "item_name, quantity, unit, unit_price, low_stock_threshold, gst_percentage, notes");
        r.post("/stock/{item_id}/adjust", ADMIN_DRIVER, stockAdjust::adjust,
                "Add, remove or adjust the quantity (never below zero); writes a transaction",
                "quantity_change*, transaction_type* (add|remove|adjustment), notes");
        r.delete("/stock/{item_id}", ADMIN, stock::delete, "Delete a stock item and its history");

        var invoices = new InvoiceRoutes(d);
        var invoiceItems = new InvoiceLineItemRoutes(d);
        var payments = new InvoicePaymentRoutes(d);
        r.get("/invoices", ADMIN, invoices::list,
                "Invoices, newest first; ?status=, ?direction=, ?from_date=, ?to_date=, ?limit=, ?offset=");
        r.get("/invoices/{invoice_id}", ADMIN, invoices::get, "One invoice with line items and payments");
        r.post("/invoices", ADMIN, invoices::create, "Create a draft invoice; totals are computed from the lines",
                "invoice_number*, customer_name*, invoice_date, due_date, invoice_type, direction, category, "
                        + "customer_*/vendor_* fields, trip_id, bus_id, notes, terms, line_items[]");
        r.put("/invoices/{invoice_id}", ADMIN, invoices::update,
                "Edit an invoice; line_items replaces all lines and the totals are recomputed",
                "any create field, status, line_items[]");
        r.delete("/invoices/{invoice_id}", ADMIN, invoices::delete, "Delete an invoice with its lines and payments");
        r.get("/invoices/{invoice_id}/line-items", ADMIN, invoiceItems::list, "Line items in creation order");
        r.post("/invoices/{invoice_id}/line-items", ADMIN, invoiceItems::add, "Add one line item",
                "description*, quantity, unit_price, gst_percentage, rate_includes_gst, is_deduction");
        r.delete("/invoices/{invoice_id}/line-items/{item_id}", ADMIN, invoiceItems::delete, "Remove a line item");
        r.get("/invoices/{invoice_id}/payments", ADMIN, payments::list, "Payments, newest first");
        r.post("/invoices/{invoice_id}/payments", ADMIN, payments::add,
                "Record a payment (positive, at most the balance); returns the invoice",
                "amount*, payment_date, payment_mode, reference_number, notes");
        r.delete("/invoices/{invoice_id}/payments/{payment_id}", ADMIN, payments::delete, "Remove a payment");

        var orgs = new RepairOrgRoutes(d);
        var repairs = new RepairRoutes(d);
        r.get("/repairs/organizations", AUTH, orgs::list, "Repair organizations (non-admins: their own)");
        r.get("/repairs/organizations/{org_id}", AUTH, orgs::get, "One repair organization (non-admins: their own)");
        r.post("/repairs/organizations", ADMIN, orgs::create, "Add a repair organization",
                "org_code*, org_name*, contact_person, phone, email, address, is_active");
        r.put("/repairs/organizations/{org_id}", ADMIN, orgs::update, "Edit a repair organization",
                "org_code, org_name, contact_person, phone, email, address, is_active");
        r.delete("/repairs/organizations/{org_id}", ADMIN, orgs::delete,
                "Delete a repair organization without records or users");
        r.post("/repairs/organizations/{org_id}/users", ADMIN, orgs::createUser,
                "Create a repair_org login for the organization", "email*, password* (min 6), full_name*, phone");
        r.get("/repairs", AUTH, repairs::list,
                "Repair records (workshops: their own; drivers: none); ?organization_id=, ?status=, ?from_date=, "
                        + "?to_date=, ?limit=, ?offset=");
        r.get("/repairs/{repair_id}", AUTH, repairs::get, "One repair record");
        r.post("/repairs", REPAIR_ORG, repairs::create, "File a repair record for the caller's organization",
                "repair_number*, bus_registration*, repair_type* (repair|resole|new), description*, bus_id, "
                        + "repair_date, parts_changed, parts_cost, labor_cost, gst_applicable, gst_percentage, "
                        + "gst_amount, warranty_days, notes, photo_before_url, photo_after_url");
        r.put("/repairs/{repair_id}", AUTH, repairs::update,
                "Edit a repair record (workshops: own, while submitted); admins also set status and approval",
                "any create field; admin: status, approved_by, approved_at");
        r.delete("/repairs/{repair_id}", ADMIN, repairs::delete, "Delete a repair record");
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
        var jobs = new JobRoutes(d, jobRunner);
        var stream = new NotificationStreamRoutes(d);
        r.get("/jobs", ADMIN, jobs::list, "Background jobs: what they do, when they run, their last run");
        r.post("/jobs/{name}/run", ADMIN, jobs::run, "Run a background job now (trip-generation, "
                + "trip-notifications, stock-alerts, tax-alerts, expiry-alerts, backup) and return its summary",
                "none");
        r.get("/notifications/stream", PUBLIC, stream::stream, "Server-sent events: each new notification of "
                + "the caller as 'event: notification'; token in the Authorization header or ?token=");
        // --- trips and expenses (api.md §6, §7)
        var trips = new TripRoutes(d);
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

        var expenses = new ExpenseRoutes(d);
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
