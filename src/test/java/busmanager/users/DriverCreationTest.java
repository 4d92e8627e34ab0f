package busmanager.users;

import static busmanager.testing.ApiServer.body;
import static busmanager.testing.FleetAsserts.hasExactlyKeys;
import static busmanager.testing.FleetAsserts.namesField;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /drivers and /drivers/create (api.md §9.4). */
class DriverCreationTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void createDriverFromTheRawForm() {
        String admin = api.newAdmin();
        String email = DriverRoutesTest.newEmail();
        Res r = api.post("/drivers/create", admin, body("email", email, "password", "secret1", "full_name",
                " Ramesh Kumar ", "phone", "", "license_number", "", "license_expiry", "", "address", "",
                "confirm_password", "secret1"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode p = r.json();
        hasExactlyKeys(p, DriverRoutesTest.PROFILE);
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
        String email = DriverRoutesTest.newEmail();
        Res r = api.post("/drivers", admin, body("email", email, "password", "secret1", "full_name", "Anil",
                "phone", "9845012345", "license_number", "KA0120200001234", "license_expiry", "2030-06-30",
                "address", "Hubballi"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode p = r.json();
        hasExactlyKeys(p, DriverRoutesTest.PROFILE);
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
        Res shortPassword = api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "12345",
                "full_name", "Short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.detail()).isEqualTo("Password must be at least 6 characters");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "Long Phone", "phone", "1234567890123456")), "phone");
        namesField(api.post("/drivers/create", admin, body("password", "secret1", "full_name", "X")), "email");
        namesField(api.post("/drivers/create", admin, body("email", "not-an-email", "password", "secret1",
                "full_name", "X")), "email");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "full_name", "X")), "password");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1")),
                "full_name");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "X", "license_expiry", "30-06-2030")), "license_expiry");
        assertThat(api.sqlValue("SELECT count(*) FROM auth.users")).isEqualTo(users);

        String email = DriverRoutesTest.newEmail();
        assertThat(api.post("/drivers/create", admin, body("email", email, "password", "secret1", "full_name",
                "First")).status()).isEqualTo(200);
        Res duplicate = api.post("/drivers", admin, body("email", email.toUpperCase(), "password", "secret1",
                "full_name", "Second"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.detail()).isEqualTo("Email already registered");
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE full_name = 'Second'")).isEqualTo(0L);

        for (String token : List.of(api.newDriver(), api.newRepairOrgUser())) {
            Res r = api.post("/drivers/create", token, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                    "full_name", "Nope"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Admin access required");
            assertThat(api.post("/drivers", token, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                    "full_name", "Nope")).status()).isEqualTo(403);
        }
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE full_name = 'Nope'")).isEqualTo(0L);
    }

    @Test
    void createRepairWorkshopUser() {
        String admin = api.newAdmin();
        UUID org = api.sqlUuid("INSERT INTO repair_organizations (org_code, org_name) VALUES ('ROWS01', 'Shop') "
                + "RETURNING id");
        String email = DriverRoutesTest.newEmail();
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
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "W", "role", "repair_org")), "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "W", "role", "repair_org", "repair_org_id", UUID.randomUUID().toString())),
                "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "W", "repair_org_id", org.toString())), "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "W", "role", "driver", "repair_org_id", org.toString())), "repair_org_id");
        namesField(api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "W", "role", "admin")), "role");
        assertThat(api.sqlValue("SELECT count(*) FROM auth.users")).isEqualTo(users);
        Res driverRole = api.post("/drivers/create", admin, body("email", DriverRoutesTest.newEmail(), "password", "secret1",
                "full_name", "W", "role", "", "repair_org_id", ""));
        assertThat(driverRole.status()).isEqualTo(200);
        assertThat(driverRole.json().get("role").asText()).isEqualTo("driver");
    }
}
