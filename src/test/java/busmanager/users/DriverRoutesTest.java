package busmanager.users;

import static busmanager.testing.ApiServer.body;
import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static busmanager.testing.FleetAsserts.isTimestamp;
import static busmanager.testing.FleetAsserts.namesField;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reading and editing profiles under /drivers (api.md §9); creation, role changes and deletion have classes
 * of their own.
 */
class DriverRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    static final String[] PROFILE = {"id", "user_id", "full_name", "phone", "license_number", "license_expiry",
        "address", "avatar_url", "email", "role", "repair_org_id", "created_at", "updated_at"};

    static String newEmail() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void listHasEveryProfileNewestFirst() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        String workshop = api.newRepairOrgUser();
        String noRoleEmail = api.createUser("driver", "Roleless", "secret123", null);
        api.sqlUpdate("DELETE FROM user_roles WHERE user_id = (SELECT id FROM auth.users WHERE email = ?)",
                noRoleEmail);

        JsonNode list = api.get("/drivers", admin).json();
        List<OffsetDateTime> created = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode p : list) {
            hasExactlyKeys(p, PROFILE);
            isTimestamp(p.get("created_at"));
            created.add(OffsetDateTime.parse(p.get("created_at").asText()));
            ids.add(p.get("id").asText());
        }
        assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(ids).contains(api.profileId(admin).toString(), api.profileId(driver).toString(),
                api.profileId(workshop).toString());
        JsonNode roleless = find(list, noRoleEmail);
        assertThat(roleless.get("role").isNull()).isTrue();
        JsonNode ws = find(list, api.get("/auth/me", workshop).json().get("email").asText());
        assertThat(ws.get("role").asText()).isEqualTo("repair_org");
        assertThat(ws.get("repair_org_id").isTextual()).isTrue();

        JsonNode drivers = api.get("/drivers?role=driver", admin).json();
        drivers.forEach(p -> assertThat(p.get("role").asText()).isEqualTo("driver"));
        assertThat(drivers.toString()).contains(api.profileId(driver).toString())
                .doesNotContain(api.profileId(admin).toString());
        assertThat(api.get("/drivers?role=admin", admin).json().toString())
                .contains(api.profileId(admin).toString());
        Res badRole = api.get("/drivers?role=boss", admin);
        assertThat(badRole.status()).isEqualTo(422);

        for (String token : List.of(driver, workshop)) {
            Res r = api.get("/drivers", token);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Admin access required");
            assertThat(api.get("/drivers/roles", token).status()).isEqualTo(403);
        }
        assertThat(api.get("/drivers", null).status()).isEqualTo(401);
    }

    private static JsonNode find(JsonNode list, String email) {
        for (JsonNode p : list) {
            if (email.equals(p.get("email").asText())) {
                return p;
            }
        }
        throw new AssertionError("no profile " + email);
    }

    @Test
    void rolesListsEveryRoleRow() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        JsonNode roles = api.get("/drivers/roles", admin).json();
        for (JsonNode r : roles) {
            hasExactlyKeys(r, "id", "user_id", "role", "created_at");
            isTimestamp(r.get("created_at"));
        }
        assertThat(roles.toString()).contains(api.userId(driver).toString());
    }

    @Test
    void meIsTheCallersProfileAndWinsOverTheIdRoute() {
        String driver = api.newDriver();
        Res r = api.get("/drivers/me", driver);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        hasExactlyKeys(r.json(), PROFILE);
        assertThat(r.json().get("id").asText()).isEqualTo(api.profileId(driver).toString());
        assertThat(r.json().get("role").asText()).isEqualTo("driver");
        assertThat(r.json().get("repair_org_id").isNull()).isTrue();
        String workshop = api.newRepairOrgUser();
        assertThat(api.get("/drivers/me", workshop).json().get("repair_org_id").isTextual()).isTrue();
        assertThat(api.get("/drivers/me", api.newAdmin()).json().get("role").asText()).isEqualTo("admin");
        assertThat(api.get("/drivers/me", null).status()).isEqualTo(401);

        String email = api.createUser("driver", "Vanished", "secret123", null);
        String gone = api.login(email, "secret123");
        api.sqlUpdate("DELETE FROM auth.users WHERE email = ?", email);
        Res missing = api.get("/drivers/me", gone);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Driver not found");
    }

    @Test
    void getOneOwnOrAsAdmin() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        String other = api.newDriver();
        UUID own = api.profileId(driver);
        JsonNode self = api.get("/drivers/" + own, driver).json();
        hasExactlyKeys(self, PROFILE);
        assertThat(self.get("id").asText()).isEqualTo(own.toString());
        assertThat(api.get("/drivers/" + own, admin).json()).isEqualTo(self);

        Res foreign = api.get("/drivers/" + api.profileId(other), driver);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.detail()).isEqualTo("Access denied");
        assertThat(api.get("/drivers/" + UUID.randomUUID(), driver).status()).isEqualTo(403);
        assertThat(api.get("/drivers/" + own, api.newRepairOrgUser()).status()).isEqualTo(403);

        Res missing = api.get("/drivers/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Driver not found");
        assertThat(api.get("/drivers/not-a-uuid", admin).detail()).isEqualTo("Driver not found");
    }

    @Test
    void updateOwnProfileOrAnyAsAdmin() {
        String admin = api.newAdmin();
        String driver = api.newDriver();
        UUID own = api.profileId(driver);
        Res r = api.put("/drivers/" + own, driver, body("phone", "9000000001", "license_expiry", "2029-12-31",
                "address", "Dharwad", "role", "admin", "repair_org_id", UUID.randomUUID().toString()));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode p = r.json();
        hasExactlyKeys(p, PROFILE);
        assertThat(p.get("phone").asText()).isEqualTo("9000000001");
        assertThat(p.get("license_expiry").asText()).isEqualTo("2029-12-31");
        assertThat(p.get("full_name").asText()).isEqualTo("Test driver");
        assertThat(p.get("role").asText()).isEqualTo("driver");
        assertThat(p.get("repair_org_id").isNull()).isTrue();

        JsonNode cleared = api.put("/drivers/" + own, driver, body("license_expiry", "", "address", "")).json();
        assertThat(cleared.get("license_expiry").isNull()).isTrue();
        assertThat(cleared.get("address").isNull()).isTrue();
        assertThat(cleared.get("phone").asText()).isEqualTo("9000000001");

        JsonNode renamed = api.put("/drivers/" + own, admin, body("full_name", "Renamed By Admin")).json();
        assertThat(renamed.get("full_name").asText()).isEqualTo("Renamed By Admin");
        assertThat(api.sqlValue("SELECT raw_user_meta_data ->> 'full_name' FROM auth.users WHERE id = ?",
                api.userId(driver))).isEqualTo("Renamed By Admin");
        assertThat(api.get("/auth/me", driver).json().get("full_name").asText()).isEqualTo("Renamed By Admin");

        namesField(api.put("/drivers/" + own, driver, body("full_name", null)), "full_name");
        namesField(api.put("/drivers/" + own, driver, body("full_name", "")), "full_name");
        namesField(api.put("/drivers/" + own, driver, body("phone", "1".repeat(16))), "phone");
        namesField(api.put("/drivers/" + own, driver, body("license_expiry", "soon")), "license_expiry");

        String other = api.newDriver();
        Res foreign = api.put("/drivers/" + api.profileId(other), driver, body("full_name", "Hijacked"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.detail()).isEqualTo("Access denied");
        assertThat(api.sqlValue("SELECT full_name FROM profiles WHERE id = ?", api.profileId(other)))
                .isEqualTo("Test driver");
        Res missing = api.put("/drivers/" + UUID.randomUUID(), admin, body("full_name", "X"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Driver not found");
    }
}
