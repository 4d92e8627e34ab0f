package busmanager.auth;

import static busmanager.testing.ApiServer.body;
import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthRoutesTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void loginReturnsTokenAndUserForSqlCreatedAdmin() throws Exception {
        String email = api.createUser("admin", "Admin User", "admin123", null);
        Res r = api.post("/auth/login", null, Map.of("email", email, "password", "admin123"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("token_type").asText()).isEqualTo("bearer");
        JsonNode user = j.get("user");
        assertThat(user.get("email").asText()).isEqualTo(email);
        assertThat(user.get("full_name").asText()).isEqualTo("Admin User");
        assertThat(user.get("role").asText()).isEqualTo("admin");
        UUID profileId = UUID.fromString(user.get("profile_id").asText());
        assertThat(api.sqlValue("SELECT user_id FROM profiles WHERE id = ?", profileId))
                .isEqualTo(UUID.fromString(user.get("id").asText()));
        Jwt.Claims claims = new Jwt(ApiServer.JWT_SECRET, java.time.Clock.systemUTC())
                .verify(j.get("access_token").asText());
        assertThat(claims.role()).isEqualTo("admin");
        assertThat(claims.profileId()).isEqualTo(profileId);
    }

    @Test
    void loginMatchesEmailCaseInsensitively() {
        String email = api.createUser("driver", "Ravi", "pass1234", null);
        Res r = api.post("/auth/login", null, Map.of("email", email.toUpperCase(), "password", "pass1234"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("user").get("email").asText()).isEqualTo(email);
    }

    @Test
    void loginErrors() {
        String email = api.createUser("driver", "Ravi", "pass1234", null);
        Res wrong = api.post("/auth/login", null, Map.of("email", email, "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.detail()).isEqualTo("Invalid email or password");
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer");

        Res unknown = api.post("/auth/login", null, Map.of("email", "nobody@example.com", "password", "x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.detail()).isEqualTo("Invalid email or password");

        assertThat(api.post("/auth/login", null, Map.of("email", "not-an-email", "password", "x")).status())
                .isEqualTo(422);
        Res missing = api.post("/auth/login", null, Map.of("email", email));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("loc").get(1).asText()).isEqualTo("password");
        assertThat(api.post("/auth/login", null, "{not json").status()).isEqualTo(422);
        assertThat(api.post("/auth/login", null, "[1,2]").status()).isEqualTo(422);
    }

    @Test
    void loginWithoutRoleRowIsProfileNotFound() {
        String email = api.createUser("driver", "No Role", "pass1234", null);
        api.sqlUpdate("DELETE FROM user_roles WHERE user_id = (SELECT id FROM auth.users WHERE email = ?)", email);
        Res r = api.post("/auth/login", null, Map.of("email", email, "password", "pass1234"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).isEqualTo("User profile not found");
    }

    @Test
    void repeatedFailuresAreThrottled() {
        String email = api.createUser("driver", "Target", "pass1234", null);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(api.post("/auth/login", null, Map.of("email", email, "password", "bad" + i)).status())
                    .isEqualTo(401);
        }
        Res blocked = api.post("/auth/login", null, Map.of("email", email, "password", "pass1234"));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.detail()).contains("Too many");
    }

    @Test
    void acceptsHashesOfEveryOldFormat() {
        // $2a$06$ is what pgcrypto writes (create_user_with_role); $2b$12$ passlib; $2a$10$ Go/GoTrue.
        String pgcrypto = api.createUser("driver", "Pg", "pgcrypto-pass", null);
        assertThat((String) api.sqlValue("SELECT encrypted_password FROM auth.users WHERE email = ?", pgcrypto))
                .startsWith("$2a$06$");
        assertThat(api.login(pgcrypto, "pgcrypto-pass")).isNotBlank();

        String passlib = api.createUser("driver", "Passlib", "unused", null);
        // passlib writes $2b$12$; 2a and 2b differ only in the prefix for passwords this short
        api.sqlUpdate("UPDATE auth.users SET encrypted_password = "
                + "'$2b$' || substr(crypt('password123', gen_salt('bf', 12)), 5) WHERE email = ?", passlib);
        assertThat((String) api.sqlValue("SELECT encrypted_password FROM auth.users WHERE email = ?", passlib))
                .startsWith("$2b$12$");
        assertThat(api.post("/auth/login", null, Map.of("email", passlib, "password", "password123")).status())
                .isEqualTo(200);
        assertThat(Passwords.verify("password124",
                (String) api.sqlValue("SELECT encrypted_password FROM auth.users WHERE email = ?", passlib))).isFalse();

        String gotrue = api.createUser("driver", "Go", "unused", null);
        api.sqlUpdate("UPDATE auth.users SET encrypted_password = crypt('gotrue-pass', gen_salt('bf', 10)) "
                + "WHERE email = ?", gotrue);
        assertThat((String) api.sqlValue("SELECT encrypted_password FROM auth.users WHERE email = ?", gotrue))
                .startsWith("$2a$10$");
        assertThat(api.login(gotrue, "gotrue-pass")).isNotBlank();
    }

    @Test
    void longPasswordsMatchPgcryptoTruncation() {
        String longPassword = "p".repeat(100);
        String email = api.createUser("driver", "Long", longPassword, null);
        assertThat(api.login(email, longPassword)).isNotBlank();
        assertThat(api.post("/auth/login", null, Map.of("email", email, "password", "p".repeat(72))).status())
                .isEqualTo(200);
        assertThat(api.post("/auth/login", null, Map.of("email", email, "password", "p".repeat(71))).status())
                .isEqualTo(401);
    }

    @Test
    void signupCreatesDriverWithBcryptHash() {
        String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.COM";
        Res r = api.post("/auth/signup", null,
                body("email", email, "password", "secret1", "full_name", "New Driver", "role", "admin"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("user").get("role").asText()).isEqualTo("driver");
        String stored = email.substring(0, email.indexOf('@')) + "@example.com";
        assertThat(r.json().get("user").get("email").asText()).isEqualTo(stored);
        var row = api.sqlRows("""
                SELECT u.encrypted_password, u.email_confirmed_at, u.raw_user_meta_data::text AS meta, r.role::text AS role,
                       p.full_name
                FROM auth.users u JOIN profiles p ON p.user_id = u.id JOIN user_roles r ON r.user_id = u.id
                WHERE u.email = ?""", stored).get(0);
        assertThat((String) row.get("encrypted_password")).startsWith("$2b$12$");
        assertThat(row.get("email_confirmed_at")).isNotNull();
        assertThat((String) row.get("meta")).contains("New Driver");
        assertThat(row.get("role")).isEqualTo("driver");
        assertThat(api.login(stored, "secret1")).isNotBlank();

        Res again = api.post("/auth/signup", null, body("email", stored.toUpperCase(), "password", "secret1",
                "full_name", "Dup"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).isEqualTo("Email already registered");
    }

    @Test
    void signupValidation() {
        assertThat(api.post("/auth/signup", null, body("email", "a@b.co", "password", "secret1")).status())
                .isEqualTo(422);
        Res shortPw = api.post("/auth/signup", null, body("email", "s@b.co", "password", "123", "full_name", "S"));
        assertThat(shortPw.status()).isEqualTo(400);
        assertThat(api.post("/auth/signup", null,
                body("email", "t@b.co", "password", "secret1", "full_name", "x".repeat(101))).status()).isEqualTo(422);
    }

    @Test
    void meReturnsProfileFields() {
        String email = api.createUser("driver", "Meena", "pass1234", null);
        api.sqlUpdate("UPDATE profiles SET phone = '98450', license_expiry = '2027-03-01' "
                + "WHERE user_id = (SELECT id FROM auth.users WHERE email = ?)", email);
        String token = api.login(email, "pass1234");
        JsonNode me = api.get("/auth/me", token).json();
        assertThat(me.get("email").asText()).isEqualTo(email);
        assertThat(me.get("full_name").asText()).isEqualTo("Meena");
        assertThat(me.get("role").asText()).isEqualTo("driver");
        assertThat(me.get("phone").asText()).isEqualTo("98450");
        assertThat(me.get("license_expiry").asText()).isEqualTo("2027-03-01");
        assertThat(me.has("license_number")).isTrue();
        assertThat(me.get("license_number").isNull()).isTrue();
        assertThat(me.get("avatar_url").isNull()).isTrue();
        assertThat(me.get("address").isNull()).isTrue();
    }

    @Test
    void meAfterUserDeletedIsNotFound() {
        String email = api.createUser("driver", "Gone", "pass1234", null);
        String token = api.login(email, "pass1234");
        api.sqlUpdate("DELETE FROM auth.users WHERE email = ?", email);
        Res r = api.get("/auth/me", token);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.detail()).isEqualTo("User not found");
    }

    @Test
    void tokenErrors() {
        Res none = api.get("/auth/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.detail()).isEqualTo("Not authenticated");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.header("Access-Control-Allow-Origin")).isEqualTo("*");

        Res nullToken = api.get("/auth/me", "null");
        assertThat(nullToken.status()).isEqualTo(401);
        assertThat(nullToken.detail()).isEqualTo("Invalid or expired token");

        Res basic = api.send("GET", "/auth/me", null, null);
        assertThat(basic.status()).isEqualTo(401);

        String forged = new Jwt("another-secret-another-secret-another-secret", java.time.Clock.systemUTC())
                .issue(UUID.randomUUID(), "admin", UUID.randomUUID());
        assertThat(api.get("/auth/me", forged).detail()).isEqualTo("Invalid or expired token");
    }

    @Test
    void changePassword() {
        String email = api.createUser("driver", "Changer", "oldpass1", null);
        String token = api.login(email, "oldpass1");
        Res wrong = api.post("/auth/change-password", token, Map.of("current_password", "bad", "new_password",
                "newpass123"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.detail()).isEqualTo("Current password is incorrect");
        Res tooShort = api.post("/auth/change-password", token, Map.of("current_password", "oldpass1",
                "new_password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.detail()).isEqualTo("New password must be at least 8 characters");
        assertThat(api.post("/auth/change-password", token, Map.of("current_password", "oldpass1")).status())
                .isEqualTo(422);
        Res ok = api.post("/auth/change-password", token, Map.of("current_password", "oldpass1",
                "new_password", "newpass123"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("message").asText()).isEqualTo("Password changed successfully");
        assertThat(api.post("/auth/login", null, Map.of("email", email, "password", "oldpass1")).status())
                .isEqualTo(401);
        assertThat(api.login(email, "newpass123")).isNotBlank();
        assertThat(api.get("/auth/me", token).status()).isEqualTo(200); // old token stays valid
        assertThat(api.post("/auth/change-password", null, Map.of()).status()).isEqualTo(401);
    }
}
