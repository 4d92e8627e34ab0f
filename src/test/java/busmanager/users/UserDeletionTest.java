package busmanager.users;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DELETE /drivers/{driver_id} (api.md §9.8). */
class UserDeletionTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    private static UUID newRoute() {
        return api.sqlUuid("INSERT INTO routes (route_name, from_state_id, to_state_id) "
                + "SELECT 'A - B', id, id FROM indian_states LIMIT 1 RETURNING id");
    }

    @Test
    void deletesADriverWithTripsAndClearsEveryReference() {
        String admin = api.newAdmin();
        String email = api.createUser("driver", "Mahesh Gowda", "secret123", null);
        String driver = api.login(email, "secret123");
        UUID profile = api.profileId(driver);
        UUID userId = api.userId(driver);
        UUID route = newRoute();
        UUID bus = api.sqlUuid("INSERT INTO buses (registration_number) VALUES ('KA01D') RETURNING id");
        UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, route_id, driver_id, start_date, "
                + "driver_name_snapshot) VALUES ('T1', ?, ?, now(), 'Old Name') RETURNING id", route, profile);
        UUID schedule = api.sqlUuid("INSERT INTO bus_schedules (bus_id, route_id, driver_id, departure_time, "
                + "arrival_time) VALUES (?, ?, ?, '08:00', '10:00') RETURNING id", bus, route, profile);
        UUID otherDriver = api.profileId(api.newDriver());
        UUID category = api.sqlUuid("SELECT id FROM expense_categories WHERE name = 'Toll'");
        UUID approved = api.sqlUuid("INSERT INTO expenses (trip_id, category_id, submitted_by, amount, status, "
                + "approved_by) VALUES (?, ?, ?, 50, 'approved', ?) RETURNING id", trip, category, otherDriver,
                profile);
        UUID item = api.sqlUuid("INSERT INTO stock_items (item_name, last_updated_by) VALUES ('Oil', ?) "
                + "RETURNING id", profile);
        UUID move = api.sqlUuid("INSERT INTO stock_transactions (stock_item_id, transaction_type, "
                + "quantity_change, previous_quantity, new_quantity, created_by) VALUES (?, 'add', 1, 0, 1, ?) "
                + "RETURNING id", item, profile);
        UUID invoice = api.sqlUuid("INSERT INTO invoices (invoice_number, customer_name) VALUES ('INV-U1', 'C') "
                + "RETURNING id");
        UUID payment = api.sqlUuid("INSERT INTO invoice_payments (invoice_id, amount, created_by) "
                + "VALUES (?, 10, ?) RETURNING id", invoice, profile);
        UUID org = api.sqlUuid("INSERT INTO repair_organizations (org_code, org_name) VALUES ('ROU1', 'W') "
                + "RETURNING id");
        UUID repair = api.sqlUuid("INSERT INTO repair_records (repair_number, organization_id, bus_registration, "
                + "repair_type, description, submitted_by) VALUES ('R1', ?, 'KA01D', 'repair', 'x', ?) RETURNING id",
                org, profile);
        api.sqlUpdate("INSERT INTO notifications (user_id, title, message) VALUES (?, 't', 'm')", userId);

        Res r = api.delete("/drivers/" + profile, admin);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Driver deleted successfully");

        Map<String, Object> kept = api.sqlRows("SELECT driver_id, driver_name_snapshot FROM trips WHERE id = ?",
                trip).get(0);
        assertThat(kept).containsEntry("driver_id", null).containsEntry("driver_name_snapshot", "Mahesh Gowda");
        assertThat(api.sqlRows("SELECT driver_id FROM bus_schedules WHERE id = ?", schedule).get(0))
                .containsEntry("driver_id", null);
        assertThat(api.sqlValue("SELECT approved_by FROM expenses WHERE id = ?", approved)).isNull();
        assertThat(api.sqlValue("SELECT status::text FROM expenses WHERE id = ?", approved)).isEqualTo("approved");
        assertThat(api.sqlValue("SELECT last_updated_by FROM stock_items WHERE id = ?", item)).isNull();
        assertThat(api.sqlValue("SELECT created_by FROM stock_transactions WHERE id = ?", move)).isNull();
        assertThat(api.sqlValue("SELECT created_by FROM invoice_payments WHERE id = ?", payment)).isNull();
        assertThat(api.sqlValue("SELECT submitted_by FROM repair_records WHERE id = ?", repair)).isNull();
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE id = ?", profile)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM auth.users WHERE id = ?", userId)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM user_roles WHERE user_id = ?", userId)).isEqualTo(0L);
        assertThat(api.sqlValue("SELECT count(*) FROM notifications WHERE user_id = ?", userId)).isEqualTo(0L);

        // The deleted user's token stops working at once, and the login is gone.
        Res stale = api.get("/buses", driver);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(api.post("/auth/login", null, Map.of("email", email, "password", "secret123")).status())
                .isEqualTo(401);

        Res again = api.delete("/drivers/" + profile, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Driver not found");
    }

    @Test
    void aUserWhoSubmittedExpensesIsKept() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID profile = api.profileId(driver);
        UUID trip = api.sqlUuid("INSERT INTO trips (trip_number, route_id, driver_id, start_date, "
                + "driver_name_snapshot) VALUES ('T2', ?, ?, now(), 'Snapshot') RETURNING id", newRoute(), profile);
        api.sqlUpdate("INSERT INTO expenses (trip_id, category_id, submitted_by, amount) "
                + "SELECT ?, id, ?, 20 FROM expense_categories WHERE name = 'Food'", trip, profile);

        Res r = api.delete("/drivers/" + profile, admin);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.detail()).isEqualTo("Cannot delete a user who has submitted expenses");
        assertThat(api.sqlRows("SELECT driver_id, driver_name_snapshot FROM trips WHERE id = ?", trip).get(0))
                .containsEntry("driver_id", profile).containsEntry("driver_name_snapshot", "Snapshot");
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE id = ?", profile)).isEqualTo(1L);
        assertThat(api.get("/drivers/me", driver).status()).isEqualTo(200);
    }

    @Test
    void refusals() {
        String admin = api.newAdmin();
        Res self = api.delete("/drivers/" + api.profileId(admin), admin);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.detail()).isEqualTo("You cannot delete your own account");
        assertThat(api.get("/drivers/me", admin).status()).isEqualTo(200);

        String driver = api.newDriver();
        UUID target = api.profileId(api.newDriver());
        for (String token : List.of(driver, api.newRepairOrgUser())) {
            Res r = api.delete("/drivers/" + target, token);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Admin access required");
        }
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE id = ?", target)).isEqualTo(1L);
        assertThat(api.delete("/drivers/" + UUID.randomUUID(), admin).detail()).isEqualTo("Driver not found");
        assertThat(api.delete("/drivers/me", admin).status()).isEqualTo(404);
        assertThat(api.delete("/drivers/" + target, null).status()).isEqualTo(401);
    }

    @Test
    void anotherAdminCanBeDeleted() {
        String admin = api.newAdmin();
        String other = api.newAdmin();
        Res r = api.delete("/drivers/" + api.profileId(other), admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(api.get("/settings", other).status()).isEqualTo(401);
    }

    @Test
    void aReferenceTheDeleteFlowDoesNotKnowIsAConflictNotA500() {
        String admin = api.newAdmin();
        UUID profile = api.profileId(api.newDriver());
        api.sqlUpdate("CREATE TABLE IF NOT EXISTS profile_notes (profile_id uuid NOT NULL REFERENCES profiles (id))");
        api.sqlUpdate("INSERT INTO profile_notes (profile_id) VALUES (?)", profile);
        Res r = api.delete("/drivers/" + profile, admin);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.detail()).isEqualTo("Cannot delete user: other records still reference it");
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE id = ?", profile)).isEqualTo(1L);
        assertThat(api.sqlValue("SELECT count(*) FROM user_roles r JOIN profiles p ON p.user_id = r.user_id "
                + "WHERE p.id = ?", profile)).isEqualTo(1L);
    }
}
