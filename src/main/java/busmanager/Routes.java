package busmanager;

import static busmanager.http.Access.ADMIN;
import static busmanager.http.Access.ADMIN_DRIVER;
import static busmanager.http.Access.AUTH;
import static busmanager.http.Access.PUBLIC;
import static busmanager.http.Access.REPAIR_ORG;
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

        // --- stock, invoices, repairs (api.md §11, §12, §13)
        var stock = new busmanager.stock.StockRoutes(d);
        var stockAdjust = new busmanager.stock.StockAdjustments(d);
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

        var invoices = new busmanager.invoices.InvoiceRoutes(d);
        var invoiceItems = new busmanager.invoices.InvoiceLineItemRoutes(d);
        var payments = new busmanager.invoices.InvoicePaymentRoutes(d);
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

        var orgs = new busmanager.repairs.RepairOrgRoutes(d);
        var repairs = new busmanager.repairs.RepairRoutes(d);
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

        return r;
    }
}
