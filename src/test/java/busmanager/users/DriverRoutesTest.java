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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Profiles, logins and roles under /drivers (api.md §9); deletion is in {@link UserDeletionTest}. */
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
    void createDriverFromTheRawForm() {
        String admin = api.newAdmin();
        String email = newEmail();
        Res r = api.post("/drivers/create", admin, body("email", email, "password", "secret1", "full_name",
                " Ramesh Kumar ", "phone", "", "license_number", "", "license_expiry", "", "address", "",
                "confirm_password", "secret1"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode p = r.json();
        hasExactlyKeys(p, PROFILE);
        assertThat(p.get("email").asText()).isEqualTo(email);
        assertThat(p.get("full_name").asText()).isEqualTo("Ramesh Kumar");
        assertThat(p.get("role").asText()).isEqualTo("driver");
        for (String empty : List.of("phone", "license_number", "license_expiry", "address", "avatar_url",
                "repair_org_id")) {
            assertThat(p.get(empty).isNull()).as(empty).isTrue();
        }
        Map<String, Object> row = api.sqlRows("""
                SELECT u.encrypted_password, u.email_confirmed_at, p.phone, p.license_expiry, r.role::text AS role,
                       u.raw_user_meta_data ->> 'full_name' AS meta_name
                FROM auth.users u JOIN profiles p ON p.user_id = u.id JOIN user_roles r ON r.user_id = u.id
                WHERE u.email = ?""", email).get(0);
        assertThat((String) row.get("encrypted_password")).startsWith("$2");
        assertThat(row.get("email_confirmed_at")).isNull();
        assertThat(row.get("phone")).isNull();
        assertThat(row.get("license_expiry")).isNull();
        assertThat(row.get("role")).isEqualTo("driver");
        assertThat(row.get("meta_name")).isEqualTo("Ramesh Kumar");
        String token = api.login(email, "secret1");
        assertThat(api.get("/auth/me", token).json().get("role").asText()).isEqualTo("driver");
    }

    @Test
    void postDriversIsTheSameAsCreate() {
        String admin = api.newAdmin();
        String email = newEmail();
        Res r = api.post("/drivers", admin, body("email", email, "password", "secret1", "full_name", "Anil",
                "phone", "9845012345", "license_number", "KA0120200001234", "license_expiry", "2030-06-30",
                "address", "Hubballi"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode p = r.json();
        hasExactlyKeys(p, PROFILE);
        assertThat(p.get("phone").asText()).isEqualTo("9845012345");
        assertThat(p.get("license_expiry").asText()).isEqualTo("2030-06-30");
        assertThat(p.get("address").asText()).isEqualTo("Hubballi");
        assertThat(p.get("license_number").asText()).isEqualTo("KA0120200001234");
        assertThat(api.sqlValue("SELECT license_expiry::text FROM profiles WHERE id = ?",
                UUID.fromString(p.get("id").asText()))).isEqualTo("2030-06-30");
    }

    @Test
    void createRefusesBadInputAndWritesNothing() {
        String admin = api.newAdmin();
        long users = (Long) api.sqlValue("SELECT count(*) FROM auth.users");
        Res shortPassword = api.post("/drivers/create", admin, body("email", newEmail(), "password", "12345",
                "full_name", "Short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.detail()).isEqualTo("Password must be at least 6 characters");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "Long Phone", "phone", "1234567890123456")), "phone");
        namesField(api.post("/drivers/create", admin, body("password", "secret1", "full_name", "X")), "email");
        namesField(api.post("/drivers/create", admin, body("email", "not-an-email", "password", "secret1",
                "full_name", "X")), "email");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "full_name", "X")), "password");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1")),
                "full_name");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "X", "license_expiry", "30-06-2030")), "license_expiry");
        assertThat(api.sqlValue("SELECT count(*) FROM auth.users")).isEqualTo(users);

        String email = newEmail();
        assertThat(api.post("/drivers/create", admin, body("email", email, "password", "secret1", "full_name",
                "First")).status()).isEqualTo(200);
        Res duplicate = api.post("/drivers", admin, body("email", email.toUpperCase(), "password", "secret1",
                "full_name", "Second"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.detail()).isEqualTo("Email already registered");
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE full_name = 'Second'")).isEqualTo(0L);

        for (String token : List.of(api.newDriver(), api.newRepairOrgUser())) {
            Res r = api.post("/drivers/create", token, body("email", newEmail(), "password", "secret1",
                    "full_name", "Nope"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Admin access required");
            assertThat(api.post("/drivers", token, body("email", newEmail(), "password", "secret1",
                    "full_name", "Nope")).status()).isEqualTo(403);
        }
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE full_name = 'Nope'")).isEqualTo(0L);
    }

    @Test
    void createRepairWorkshopUser() {
        String admin = api.newAdmin();
        UUID org = api.sqlUuid("INSERT INTO repair_organizations (org_code, org_name) VALUES ('ROWS01', 'Shop') "
                + "RETURNING id");
        String email = newEmail();
        Res r = api.post("/drivers/create", admin, body("email", email, "password", "secret1", "full_name",
                "Workshop Desk", "role", "repair_org", "repair_org_id", org.toString()));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("role").asText()).isEqualTo("repair_org");
        assertThat(r.json().get("repair_org_id").asText()).isEqualTo(org.toString());
        String token = api.login(email, "secret1");
        JsonNode me = api.get("/drivers/me", token).json();
        assertThat(me.get("repair_org_id").asText()).isEqualTo(org.toString());
        assertThat(me.get("role").asText()).isEqualTo("repair_org");

        long users = (Long) api.sqlValue("SELECT count(*) FROM auth.users");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "W", "role", "repair_org")), "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "W", "role", "repair_org", "repair_org_id", UUID.randomUUID().toString())),
                "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "W", "repair_org_id", org.toString())), "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "W", "role", "driver", "repair_org_id", org.toString())), "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "W", "role", "admin")), "role");
        assertThat(api.sqlValue("SELECT count(*) FROM auth.users")).isEqualTo(users);
        Res driverRole = api.post("/drivers/create", admin, body("email", newEmail(), "password", "secret1",
                "full_name", "W", "role", "driver", "repair_org_id", ""));
        assertThat(driverRole.status()).isEqualTo(200);
        assertThat(driverRole.json().get("role").asText()).isEqualTo("driver");
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
