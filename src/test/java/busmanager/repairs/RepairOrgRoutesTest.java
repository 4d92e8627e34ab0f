package busmanager.repairs;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RepairOrgRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();
    static String admin;
    static String driver;
    static String workshop;
    static UUID workshopOrg;

    @BeforeAll
    static void users() {
        admin = api.newAdmin();
        driver = api.newDriver();
        workshop = api.newRepairOrgUser();
        workshopOrg = orgOf(workshop);
    }

    static UUID orgOf(String token) {
        return api.sqlUuid("SELECT repair_org_id FROM profiles WHERE id = ?", api.profileId(token));
    }

    static String code() {
        return "RO" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    static UUID createOrg(String name) {
        Res r = api.post("/repairs/organizations", admin, body("org_code", code(), "org_name", name));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return UUID.fromString(r.json().get("id").asText());
    }

    @Test
    void createStoresFieldsAndDefaults() {
        String code = code();
        Res r = api.post("/repairs/organizations", admin, body("org_code", code, "org_name", "Sri Ganesh Motors",
                "contact_person", "Ganesh", "phone", "9876500000", "email", "shop@example.com", "address", "Hubli"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("org_code").asText()).isEqualTo(code);
        assertThat(j.get("org_name").asText()).isEqualTo("Sri Ganesh Motors");
        assertThat(j.get("contact_person").asText()).isEqualTo("Ganesh");
        assertThat(j.get("phone").asText()).isEqualTo("9876500000");
        assertThat(j.get("email").asText()).isEqualTo("shop@example.com");
        assertThat(j.get("address").asText()).isEqualTo("Hubli");
        assertThat(j.get("is_active").asBoolean()).isTrue();
        Map<String, Object> row = api.sqlRows("SELECT * FROM repair_organizations WHERE id = ?",
                UUID.fromString(j.get("id").asText())).get(0);
        assertThat(row).containsEntry("org_code", code).containsEntry("is_active", true)
                .containsEntry("contact_person", "Ganesh");

        Res inactive = api.post("/repairs/organizations", admin, body("org_code", code(), "org_name", "Closed",
                "is_active", false, "email", ""));
        assertThat(inactive.status()).isEqualTo(200);
        assertThat(inactive.json().get("is_active").asBoolean()).isFalse();
        assertThat(inactive.json().get("email").asText()).isEmpty();
    }

    @Test
    void createRefusesDuplicatesAndBadInput() {
        String code = code();
        assertThat(api.post("/repairs/organizations", admin, body("org_code", code, "org_name", "A")).status())
                .isEqualTo(200);
        Res dup = api.post("/repairs/organizations", admin, body("org_code", code, "org_name", "B"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.detail()).isEqualTo("Organization code already exists");
        assertThat(api.sqlValue("SELECT count(*) FROM repair_organizations WHERE org_code = ?", code)).isEqualTo(1L);

        Res noName = api.post("/repairs/organizations", admin, body("org_code", code()));
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("org_name");
        assertThat(api.post("/repairs/organizations", admin, body("org_name", "X")).status()).isEqualTo(422);
        assertThat(api.post("/repairs/organizations", admin, body("org_code", code(), "org_name", "X",
                "email", "not-an-email")).status()).isEqualTo(422);
        assertThat(api.post("/repairs/organizations", admin, body("org_code", "C".repeat(51), "org_name", "X"))
                .status()).isEqualTo(422);
        assertThat(api.post("/repairs/organizations", admin, body("org_code", code(), "org_name", "X",
                "is_active", "maybe")).status()).isEqualTo(422);

        for (String token : new String[] {driver, workshop}) {
            Res r = api.post("/repairs/organizations", token, body("org_code", code(), "org_name", "Mine"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Admin access required");
        }
        assertThat(api.sqlValue("SELECT count(*) FROM repair_organizations WHERE org_name IN ('X', 'Mine')"))
                .isEqualTo(0L);
    }

    @Test
    void listShowsAdminsAllAndOthersTheirOwn() {
        createOrg("zz last works");
        createOrg("AA First Works");
        Res all = api.get("/repairs/organizations", admin);
        assertThat(all.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        all.json().forEach(o -> names.add(o.get("org_name").asText()));
        assertThat(names).contains("AA First Works", "zz last works", "Workshop")
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

        Res own = api.get("/repairs/organizations", workshop);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().size()).isEqualTo(1);
        assertThat(own.json().get(0).get("id").asText()).isEqualTo(workshopOrg.toString());

        assertThat(api.get("/repairs/organizations", driver).json().size()).isZero();
        assertThat(api.get("/repairs/organizations", null).status()).isEqualTo(401);
    }

    @Test
    void getOneIsScopedForNonAdmins() {
        UUID other = createOrg("Other Works");
        assertThat(api.get("/repairs/organizations/" + other, admin).json().get("org_name").asText())
                .isEqualTo("Other Works");
        Res own = api.get("/repairs/organizations/" + workshopOrg, workshop);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("id").asText()).isEqualTo(workshopOrg.toString());
        for (String token : new String[] {workshop, driver}) {
            Res denied = api.get("/repairs/organizations/" + other, token);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.detail()).isEqualTo("Access denied");
        }
        Res missing = api.get("/repairs/organizations/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Organization not found");
        assertThat(api.get("/repairs/organizations/bad-id", admin).detail()).isEqualTo("Organization not found");
    }

    @Test
    void updateIsPartial() {
        UUID id = createOrg("Before");
        api.sqlUpdate("UPDATE repair_organizations SET phone = '111', address = 'Old' WHERE id = ?", id);
        Res r = api.put("/repairs/organizations/" + id, admin, body("org_name", "After", "address", null,
                "is_active", false));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("org_name").asText()).isEqualTo("After");
        assertThat(r.json().get("phone").asText()).isEqualTo("111");
        assertThat(r.json().get("address").isNull()).isTrue();
        assertThat(r.json().get("is_active").asBoolean()).isFalse();
        assertThat(api.sqlRows("SELECT org_name, phone, address, is_active FROM repair_organizations WHERE id = ?", id)
                .get(0)).containsEntry("org_name", "After").containsEntry("phone", "111")
                .containsEntry("address", null).containsEntry("is_active", false);

        String taken = (String) api.sqlValue("SELECT org_code FROM repair_organizations WHERE id = ?", workshopOrg);
        Res dup = api.put("/repairs/organizations/" + id, admin, body("org_code", taken));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.detail()).isEqualTo("Organization code already exists");
        String ownCode = (String) api.sqlValue("SELECT org_code FROM repair_organizations WHERE id = ?", id);
        assertThat(api.put("/repairs/organizations/" + id, admin, body("org_code", ownCode)).status()).isEqualTo(200);

        assertThat(api.put("/repairs/organizations/" + id, admin, body("is_active", null)).status()).isEqualTo(422);
        assertThat(api.put("/repairs/organizations/" + id, admin, body("org_name", "")).status()).isEqualTo(422);
        Res missing = api.put("/repairs/organizations/" + UUID.randomUUID(), admin, body("org_name", "X"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Organization not found");
        Res byWorkshop = api.put("/repairs/organizations/" + workshopOrg, workshop, body("org_name", "Hijack"));
        assertThat(byWorkshop.status()).isEqualTo(403);
        assertThat(byWorkshop.detail()).isEqualTo("Admin access required");
    }

    @Test
    void deleteIsRefusedWhileRecordsOrUsersReferToIt() {
        UUID withRecord = createOrg("Has records");
        api.sqlUpdate("INSERT INTO repair_records (repair_number, organization_id, bus_registration, repair_type, "
                + "description) VALUES ('RPR1', ?, 'KA01', 'repair', 'brakes')", withRecord);
        Res records = api.delete("/repairs/organizations/" + withRecord, admin);
        assertThat(records.status()).isEqualTo(409);
        assertThat(records.detail()).isEqualTo("Cannot delete an organization that has repair records");

        UUID withUser = createOrg("Has users");
        api.createUser("repair_org", "Linked", "secret123", withUser);
        Res users = api.delete("/repairs/organizations/" + withUser, admin);
        assertThat(users.status()).isEqualTo(409);
        assertThat(users.detail()).isEqualTo("Cannot delete an organization that has users");
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE repair_org_id = ?", withUser)).isEqualTo(1L);
        assertThat(api.sqlValue("SELECT count(*) FROM repair_organizations WHERE id IN (?, ?)", withRecord, withUser))
                .isEqualTo(2L);

        UUID empty = createOrg("Empty");
        assertThat(api.delete("/repairs/organizations/" + empty, driver).status()).isEqualTo(403);
        Res ok = api.delete("/repairs/organizations/" + empty, admin);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("message").asText()).isEqualTo("Organization deleted successfully");
        assertThat(api.sqlValue("SELECT count(*) FROM repair_organizations WHERE id = ?", empty)).isEqualTo(0L);
        Res again = api.delete("/repairs/organizations/" + empty, admin);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("Organization not found");
    }

    @Test
    void adminCreatesAWorkshopLogin() {
        UUID org = createOrg("Login Works");
        String email = "ws-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        Res r = api.post("/repairs/organizations/" + org + "/users", admin, body("email", email,
                "password", "garage123", "full_name", "Mechanic Mani", "phone", "", "role", "admin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.get("email").asText()).isEqualTo(email);
        assertThat(p.get("full_name").asText()).isEqualTo("Mechanic Mani");
        assertThat(p.get("role").asText()).isEqualTo("repair_org");
        assertThat(p.get("repair_org_id").asText()).isEqualTo(org.toString());
        assertThat(p.get("phone").isNull()).isTrue();
        for (String key : List.of("id", "user_id", "license_number", "license_expiry", "address", "avatar_url",
                "created_at", "updated_at")) {
            assertThat(p.has(key)).as(key).isTrue();
        }
        UUID userId = UUID.fromString(p.get("user_id").asText());
        assertThat(api.sqlValue("SELECT role::text FROM user_roles WHERE user_id = ?", userId)).isEqualTo("repair_org");
        assertThat(api.sqlValue("SELECT count(*) FROM user_roles WHERE user_id = ?", userId)).isEqualTo(1L);
        assertThat(api.sqlValue("SELECT raw_user_meta_data->>'full_name' FROM auth.users WHERE id = ?", userId))
                .isEqualTo("Mechanic Mani");
        assertThat((String) api.sqlValue("SELECT encrypted_password FROM auth.users WHERE id = ?", userId))
                .startsWith("$2");
        assertThat(api.sqlValue("SELECT repair_org_id FROM profiles WHERE id = ?",
                UUID.fromString(p.get("id").asText()))).isEqualTo(org);

        String token = api.login(email, "garage123");
        Res me = api.get("/auth/me", token);
        assertThat(me.json().get("role").asText()).isEqualTo("repair_org");
        Res own = api.get("/repairs/organizations", token);
        assertThat(own.json().size()).isEqualTo(1);
        assertThat(own.json().get(0).get("id").asText()).isEqualTo(org.toString());
        // the workshop can file records at once
        Res record = api.post("/repairs", token, body("repair_number", "RPR250101001", "bus_registration", "KA01",
                "repair_type", "repair", "description", "clutch plate"));
        assertThat(record.status()).as(record.toString()).isEqualTo(200);
        assertThat(record.json().get("organization_id").asText()).isEqualTo(org.toString());
    }

    @Test
    void workshopLoginErrors() {
        UUID org = createOrg("Error Works");
        String path = "/repairs/organizations/" + org + "/users";
        String email = "dup-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        assertThat(api.post(path, admin, body("email", email, "password", "secret12", "full_name", "A")).status())
                .isEqualTo(200);
        Res dup = api.post(path, admin, body("email", email.toUpperCase(), "password", "secret12", "full_name", "B"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.detail()).isEqualTo("Email already registered");

        Res shortPassword = api.post(path, admin, body("email", "n" + email, "password", "12345", "full_name", "C"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.detail()).isEqualTo("Password must be at least 6 characters");
        for (String missing : List.of("email", "password", "full_name")) {
            Map<String, Object> b = body("email", "m" + email, "password", "secret12", "full_name", "D");
            b.remove(missing);
            Res r = api.post(path, admin, b);
            assertThat(r.status()).as(missing).isEqualTo(422);
            assertThat(r.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo(missing);
        }
        assertThat(api.post(path, admin, body("email", "nope", "password", "secret12", "full_name", "E")).status())
                .isEqualTo(422);
        assertThat(api.post(path, admin, body("email", "p" + email, "password", "secret12", "full_name", "F",
                "phone", "1".repeat(16))).status()).isEqualTo(422);

        Map<String, Object> valid = body("email", "q" + email, "password", "secret12", "full_name", "Valid");
        Res unknownOrg = api.post("/repairs/organizations/" + UUID.randomUUID() + "/users", admin, valid);
        assertThat(unknownOrg.status()).isEqualTo(404);
        assertThat(unknownOrg.detail()).isEqualTo("Organization not found");
        Res malformed = api.post("/repairs/organizations/xyz/users", admin, valid);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.detail()).isEqualTo("Organization not found");
        for (String token : new String[] {driver, workshop}) {
            Res r = api.post(path, token, valid);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.detail()).isEqualTo("Admin access required");
        }
        assertThat(api.sqlValue("SELECT count(*) FROM profiles WHERE repair_org_id = ?", org)).isEqualTo(1L);
        assertThat(api.sqlValue("SELECT count(*) FROM auth.users WHERE email LIKE ?", "%" + email)).isEqualTo(1L);
    }

    @Test
    void organizationRoutesWinOverRepairIds() {
        assertThat(api.get("/repairs/organizations", admin).json().isArray()).isTrue();
        Res repairLookup = api.get("/repairs/" + UUID.randomUUID(), admin);
        assertThat(repairLookup.detail()).isEqualTo("Repair record not found");
    }
}
