package busmanager.users;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /drivers/assign-role (api.md §9.3) and roles taking effect on the next request. */
class RoleAssignmentTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    private static List<Map<String, Object>> roleRows(UUID userId) {
        return api.sqlRows("SELECT id, role::text AS role FROM user_roles WHERE user_id = ?", userId);
    }

    @Test
    void promotesInPlaceAndTakesEffectAtOnce() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID userId = api.userId(driver);
        Object rowId = roleRows(userId).get(0).get("id");
        assertThat(api.get("/drivers", driver).status()).isEqualTo(403);

        Res r = api.post("/drivers/assign-role", admin, body("user_id", userId.toString(), "role", "admin"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Role assigned successfully");
        List<Map<String, Object>> rows = roleRows(userId);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("id", rowId).containsEntry("role", "admin");
        // The old token now carries admin rights: the role is read from the database on every request.
        assertThat(api.get("/drivers", driver).status()).isEqualTo(200);
        assertThat(api.get("/auth/me", driver).json().get("role").asText()).isEqualTo("admin");
    }

    @Test
    void demotedAdminIsRefusedOnTheNextRequest() {
        String boss = api.newAdmin();
        String demoted = api.newAdmin();
        assertThat(api.get("/settings", demoted).status()).isEqualTo(200);
        assertThat(api.post("/drivers/assign-role", boss, body("user_id", api.userId(demoted).toString(),
                "role", "driver")).status()).isEqualTo(200);
        Res refused = api.get("/settings", demoted);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).isEqualTo("Admin access required");
        assertThat(api.post("/buses", demoted, body("registration_number", "KA01X")).status()).isEqualTo(403);
        assertThat(api.get("/drivers/me", demoted).json().get("role").asText()).isEqualTo("driver");
    }

    @Test
    void insertsARoleForAUserWithoutOneAndCollapsesDuplicates() {
        String admin = api.newAdmin();
        String email = api.createUser("driver", "Roleless", "secret123", null);
        UUID roleless = api.sqlUuid("SELECT id FROM auth.users WHERE email = ?", email);
        api.sqlUpdate("DELETE FROM user_roles WHERE user_id = ?", roleless);
        assertThat(api.post("/drivers/assign-role", admin, body("user_id", roleless.toString(), "role",
                "driver")).status()).isEqualTo(200);
        assertThat(roleRows(roleless)).hasSize(1).first().satisfies(r -> assertThat(r).containsEntry("role", "driver"));
        assertThat(api.login(email, "secret123")).isNotBlank();

        String twoRoles = api.createUser("driver", "Two roles", "secret123", null);
        UUID twoId = api.sqlUuid("SELECT id FROM auth.users WHERE email = ?", twoRoles);
        api.sqlUpdate("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, 'repair_org', now() + "
                + "interval '1 minute')", twoId);
        assertThat(api.post("/drivers/assign-role", admin, body("user_id", twoId.toString(), "role",
                "repair_org")).status()).isEqualTo(200);
        assertThat(roleRows(twoId)).hasSize(1).first()
                .satisfies(r -> assertThat(r).containsEntry("role", "repair_org"));
    }

    @Test
    void errorsKeepTheOriginalMessages() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID userId = api.userId(driver);
        Res badId = api.post("/drivers/assign-role", admin, body("user_id", "12345", "role", "admin"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.detail()).isEqualTo("Invalid user_id format");
        Res badRole = api.post("/drivers/assign-role", admin, body("user_id", userId.toString(), "role", "boss"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.detail()).isEqualTo("Invalid role: boss");
        Res unknown = api.post("/drivers/assign-role", admin, body("user_id", UUID.randomUUID().toString(),
                "role", "admin"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("User not found");
        // A profile id is not a user id.
        assertThat(api.post("/drivers/assign-role", admin, body("user_id", api.profileId(driver).toString(),
                "role", "admin")).status()).isEqualTo(404);
        assertThat(api.post("/drivers/assign-role", admin, body("role", "admin")).status()).isEqualTo(422);
        assertThat(api.post("/drivers/assign-role", admin, body("user_id", userId.toString())).status())
                .isEqualTo(422);
        for (String token : List.of(driver, api.newRepairOrgUser())) {
            Res r = api.post("/drivers/assign-role", token, body("user_id", userId.toString(), "role", "admin"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Admin access required");
        }
        assertThat(roleRows(userId)).first().satisfies(r -> assertThat(r).containsEntry("role", "driver"));
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        api.sqlUpdate("UPDATE user_roles SET role = 'driver' WHERE role = 'admin'");
        String only = api.newAdmin();
        Res r = api.post("/drivers/assign-role", only, body("user_id", api.userId(only).toString(), "role",
                "driver"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo("Cannot remove the role of the last admin");
        assertThat(api.get("/settings", only).status()).isEqualTo(200);
        String second = api.newAdmin();
        assertThat(api.post("/drivers/assign-role", second, body("user_id", api.userId(only).toString(), "role",
                "driver")).status()).isEqualTo(200);
    }
}
