package busmanager.frontend;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One working day of the office, sent exactly the way the React frontend sends it (api.md §17): the admin
 * sets up a bus, route and driver, plans a trip; the driver starts it, takes water, files an expense with a
 * bill; the admin approves it, records revenue and invoices a charter; a workshop files a repair.
 */
class FrontendFlowTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    private static JsonNode ok(Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aWorkingDay() {
        String admin = api.newAdmin();
        ok(api.get("/auth/me", admin));
        ok(api.get("/settings", admin));
        assertThat(ok(api.get("/settings/expiry_alert_days", admin)).get("value").asText()).isEqualTo("30");

        // BusManagement: the form sends monthly_tax_amount null for 0 and the browser-computed tax dates
        JsonNode states = ok(api.get("/states", admin));
        String ka = states.findParents("state_code").stream().filter(s -> s.get("state_code").asText().equals("KA"))
                .findFirst().orElseThrow().get("id").asText();
        String tn = states.findParents("state_code").stream().filter(s -> s.get("state_code").asText().equals("TN"))
                .findFirst().orElseThrow().get("id").asText();
        JsonNode bus = ok(api.post("/buses", admin, body("registration_number", "KA01AB1234", "bus_name", "Volvo 9600",
                "capacity", 40, "bus_type", "AC Sleeper", "status", "active", "insurance_expiry", "2027-01-31",
                "puc_expiry", "", "fitness_expiry", null, "ownership_type", "partnership", "partner_name", "Suresh",
                "company_profit_share", 60, "partner_profit_share", 40, "home_state_id", ka,
                "monthly_tax_amount", null, "tax_due_day", 15, "last_tax_paid_date", null,
                "next_tax_due_date", "2026-12-14")));
        assertThat(bus.get("monthly_tax_amount").decimalValue()).isEqualByComparingTo("0");
        assertThat(bus.get("home_state").get("state_code").asText()).isEqualTo("KA");

        JsonNode route = ok(api.post("/routes", admin, body("route_name", "Bengaluru - Chennai",
                "from_state_id", ka, "to_state_id", tn, "from_address", "Majestic", "to_address", "Koyambedu",
                "distance_km", 346, "estimated_duration_hours", 7)));

        // DriverManagement posts the raw form: empty optional fields arrive as ""
        JsonNode driverProfile = ok(api.post("/drivers/create", admin, body("email", "ravi@bus.in",
                "password", "ravi1234", "full_name", "Ravi Kumar", "phone", "9845012345", "license_number", "",
                "license_expiry", "", "address", "")));
        assertThat(driverProfile.get("role").asText()).isEqualTo("driver");
        assertThat(driverProfile.get("license_expiry").isNull()).isTrue();
        String driverId = driverProfile.get("id").asText();
        assertThat(ok(api.get("/drivers", admin)).size()).isGreaterThanOrEqualTo(2);

        // TripManagement: datetime-local values without offset, bus/driver picked
        JsonNode trip = ok(api.post("/trips", admin, body("trip_number", "TRP20261125042",
                "route_id", route.get("id").asText(), "bus_id", bus.get("id").asText(), "driver_id", driverId,
                "start_date", "2026-11-25T21:30", "end_date", "", "trip_type", "two_way", "notes", "",
                "schedule_id", "")));
        String tripId = trip.get("id").asText();
        assertThat(trip.get("start_date").asText()).startsWith("2026-11-25T21:30");
        assertThat(trip.get("bus").get("partner_profit_share").decimalValue()).isEqualByComparingTo("40");
        assertThat(trip.get("bus_name_snapshot").asText()).isEqualTo("Volvo 9600");

        // The driver's screens
        String driver = api.login("ravi@bus.in", "ravi1234");
        assertThat(ok(api.get("/drivers/me", driver)).get("id").asText()).isEqualTo(driverId);
        assertThat(ok(api.get("/trips", driver)).size()).isEqualTo(1);
        ok(api.put("/trips/" + tripId, driver, Map.of("status", "in_progress")));
        assertThat(ok(api.get("/trips/my?status=in_progress", driver)).size()).isEqualTo(1);
        String water = ok(api.get("/expense-categories?name=water", driver)).get(0).get("id").asText();
        JsonNode waterStock = ok(api.get("/stock?name=water", driver)).get(0);
        ok(api.put("/stock/" + waterStock.get("id").asText(), admin, Map.of("unit_price", 3)));
        ok(api.put("/trips/" + tripId, driver, Map.of("odometer_start", 12000, "water_taken", 2)));
        assertThat(ok(api.get("/stock/" + waterStock.get("id").asText(), driver)).get("quantity").asInt())
                .isEqualTo(waterStock.get("quantity").asInt() - 2);
        List<Map<String, Object>> waterExpense = api.sqlRows("SELECT description, amount, status::text AS status "
                + "FROM expenses WHERE trip_id = ?::uuid AND category_id = ?::uuid", tripId, water);
        assertThat(waterExpense).hasSize(1);
        assertThat(waterExpense.get(0).get("description")).isEqualTo("Water: 2 pieces @ ₹3/pieces");

        String diesel = ok(api.get("/expense-categories?name=diesel", driver)).get(0).get("id").asText();
        JsonNode expense = ok(api.post("/expenses", driver, body("trip_id", tripId, "category_id", diesel,
                "amount", 4500.5, "expense_date", "2026-11-25", "description", "Full tank",
                "document_url", "http://localhost:8000/uploads/expenses/x.pdf", "fuel_quantity", 50)));
        assertThat(expense.get("status").asText()).isEqualTo("pending");
        assertThat(ok(api.get("/expenses/my", driver)).size()).isGreaterThanOrEqualTo(1);

        // ExpenseApproval
        ok(api.put("/expenses/" + expense.get("id").asText(), admin,
                Map.of("status", "approved", "admin_remarks", "ok")));
        assertThat(ok(api.get("/trips/" + tripId, admin)).get("total_expense").decimalValue())
                .isEqualByComparingTo("4500.5");
        assertThat(ok(api.get("/expenses?route_id=" + route.get("id").asText() + "&status=approved", admin))
                .size()).isEqualTo(2);

        // Driver completes; admin records revenue from TripRevenueDialog
        ok(api.put("/trips/" + tripId, driver, Map.of("odometer_end", 12346, "odometer_return_start", 12346,
                "odometer_return_end", 12690)));
        ok(api.put("/trips/" + tripId, driver, Map.of("status", "completed", "end_date", "2026-11-26T05:00:00.000Z")));
        JsonNode done = ok(api.put("/trips/" + tripId, admin, body("revenue_cash", 12000, "revenue_online", 8000,
                "revenue_paytm", 0, "revenue_others", 0, "revenue_agent", 1500, "return_revenue_cash", 9000,
                "return_revenue_online", 6000, "return_revenue_paytm", 0, "return_revenue_others", 0,
                "return_revenue_agent", 0, "gst_percentage", 18, "return_total_revenue", 15000)));
        assertThat(done.get("total_revenue").decimalValue()).isEqualByComparingTo("21500");
        assertThat(done.get("return_total_revenue").decimalValue()).isEqualByComparingTo("15000");
        assertThat(done.get("distance_traveled").decimalValue()).isEqualByComparingTo("346");
        assertThat(ok(api.get("/trips?status=completed&from_date=2026-11-01&to_date=2026-11-30", admin)).size())
                .isEqualTo(1);

        // InvoiceDialog sends client totals and status; the server recomputes
        JsonNode invoice = ok(api.post("/invoices", admin, body("invoice_number", "INV261125001",
                "invoice_date", "2026-11-25", "invoice_type", "charter", "customer_name", "Wedding party",
                "direction", "sales", "category", "general", "subtotal", 1, "gst_amount", 1, "total_amount", 1,
                "amount_paid", 1, "balance_due", 1, "status", "paid", "trip_id", "", "bus_id", "",
                "line_items", List.of(Map.of("description", "Charter Bengaluru - Mysuru", "quantity", 1,
                        "unit_price", 11800, "gst_percentage", 18, "rate_includes_gst", true)))));
        assertThat(invoice.get("status").asText()).isEqualTo("draft");
        assertThat(invoice.get("total_amount").decimalValue()).isEqualByComparingTo("11800");
        assertThat(new BigDecimal(invoice.get("subtotal").asText()).setScale(2, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("10000.00");
        JsonNode paid = ok(api.post("/invoices/" + invoice.get("id").asText() + "/payments", admin,
                body("amount", 5000, "payment_date", "2026-11-25", "payment_mode", "UPI")));
        assertThat(paid.get("status").asText()).isEqualTo("partial");

        // RepairDashboard: a workshop user made over the API
        JsonNode org = ok(api.post("/repairs/organizations", admin, body("org_code", "ROAB12", "org_name",
                "Sri Ganesh Motors", "contact_person", "Ganesh", "phone", "9876543210", "is_active", true)));
        ok(api.post("/repairs/organizations/" + org.get("id").asText() + "/users", admin,
                body("email", "shop@garage.in", "password", "garage123", "full_name", "Ganesh")));
        String shop = api.login("shop@garage.in", "garage123");
        String orgId = ok(api.get("/drivers/me", shop)).get("repair_org_id").asText();
        assertThat(orgId).isEqualTo(org.get("id").asText());
        ok(api.get("/repairs/organizations/" + orgId, shop));
        JsonNode repair = ok(api.post("/repairs", shop, body("repair_number", "RPR261125123",
                "bus_id", bus.get("id").asText(), "bus_registration", "KA01AB1234", "repair_type", "repair",
                "description", "Brake pads", "parts_cost", 2000, "labor_cost", 500, "gst_applicable", true,
                "gst_percentage", 18, "gst_amount", 450, "organization_id", orgId, "submitted_by", "x")));
        assertThat(repair.get("total_cost").decimalValue()).isEqualByComparingTo("2950");
        assertThat(ok(api.get("/repairs?organization_id=" + orgId, shop)).size()).isEqualTo(1);
        JsonNode approved = ok(api.put("/repairs/" + repair.get("id").asText(), admin, Map.of("status", "approved")));
        assertThat(approved.get("approved_by").asText()).isEqualTo(api.profileId(admin).toString());

        // ScheduleManagement and the bell
        ok(api.post("/schedules", admin, body("bus_id", bus.get("id").asText(), "route_id", route.get("id").asText(),
                "driver_id", driverId, "days_of_week", List.of("monday", "tuesday", "wednesday", "thursday",
                        "friday", "saturday", "sunday"), "departure_time", "21:00", "arrival_time", "05:00",
                "is_two_way", true, "return_departure_time", "22:00", "return_arrival_time", "06:00",
                "is_active", true, "notes", "")));
        JsonNode generated = ok(api.post("/schedules/generate-trips", admin, Map.of()));
        assertThat(generated.get("schedulesProcessed").asInt()).isEqualTo(1);
        assertThat(generated.has("tripsCreated")).isTrue();
        JsonNode bell = ok(api.get("/notifications?limit=20", driver));
        ok(api.put("/notifications/read-all", driver, Map.of()));
        if (bell.size() > 0) {
            ok(api.put("/notifications/" + bell.get(0).get("id").asText() + "/read", driver, Map.of()));
        }
        ok(api.get("/expenses?status=approved&limit=5000", admin));
        ok(api.get("/trips?start_date=2026-11-01T00:00:00.000Z&end_date=2026-11-30T23:59:59.999Z&limit=5000", admin));
    }
}
