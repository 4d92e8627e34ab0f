package busmanager.auth;

import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import busmanager.users.UserAccounts;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** Login, sign-up, the current user and password change (api.md §2). */
public final class AuthRoutes {
    private static final String LOGIN_SQL = """
            SELECT u.id AS user_id, u.email, u.encrypted_password, p.id AS profile_id, p.full_name,
                   (SELECT r.role::text FROM user_roles r WHERE r.user_id = u.id ORDER BY r.created_at LIMIT 1) AS role
            FROM auth.users u LEFT JOIN profiles p ON p.user_id = u.id
            WHERE lower(u.email) = lower(?)
            ORDER BY (u.email = ?) DESC LIMIT 1""";

    /** A hash of a random password nobody knows: compared against when the e-mail has no account. */
    private static final String UNKNOWN_USER_HASH = "$2b$12$zgP9Y5mrfCDY.CeEkz3Y4Oz0H6YkD9l/mbWbghpxvcSbk5lvvnv1q";

    private final Database db;
    private final Jwt jwt;
    private final LoginThrottle throttle;
    private final boolean signupEnabled;

    public AuthRoutes(Database db, Jwt jwt, LoginThrottle throttle, boolean signupEnabled) {
        this.db = db;
        this.jwt = jwt;
        this.throttle = throttle;
        this.signupEnabled = signupEnabled;
    }

    public Reply login(Request req) throws Exception {
        JsonBody body = req.body();
        String email = body.requiredEmail("email");
        String password = body.requiredRawText("password", 1024);
        String address = req.clientAddress();
        if (throttle.isBlocked(address, email)) {
            throw new ApiException(429, "Too many failed login attempts. Try again in 15 minutes.");
        }
        Map<String, Object> user = db.read(c -> Sql.row(c, LOGIN_SQL, email, email));
        // An unknown e-mail costs a hash too, so the answer's timing does not tell which e-mails have accounts.
        boolean passwordMatches = Passwords.verify(password,
                user == null ? UNKNOWN_USER_HASH : (String) user.get("encrypted_password"));
        if (user == null || !passwordMatches) {
            throttle.recordFailure(address, email);
            throw new ApiException(401, "Invalid email or password");
        }
        if (user.get("profile_id") == null || user.get("role") == null) {
            throw new ApiException(401, "User profile not found");
        }
        throttle.recordSuccess(address, email);
        return tokenReply((UUID) user.get("user_id"), (String) user.get("email"), (String) user.get("full_name"),
                (String) user.get("role"), (UUID) user.get("profile_id"));
    }

    public Reply signup(Request req) throws Exception {
        if (!signupEnabled) {
            throw ApiException.forbidden("Signup is disabled");
        }
        JsonBody body = req.body();
        String email = body.requiredEmail("email");
        String password = body.requiredRawText("password", 1024);
        String fullName = body.requiredText("full_name", 100).strip();
        if (password.length() < 6) {
            throw ApiException.badRequest("Password must be at least 6 characters");
        }
        String passwordHash = Passwords.hash(password);
        UserAccounts.Created created = db.tx(c -> UserAccounts.create(c, new UserAccounts.NewUser(
                email, passwordHash, fullName, Principal.DRIVER, null, null, null, null, null, true)));
        return tokenReply(created.userId(), email, fullName, Principal.DRIVER, created.profileId());
    }

    private Reply tokenReply(UUID userId, String email, String fullName, String role, UUID profileId) {
        Map<String, Object> user = new java.util.LinkedHashMap<>();
        user.put("id", userId);
        user.put("email", email);
        user.put("full_name", fullName);
        user.put("role", role);
        user.put("profile_id", profileId);
        return Reply.of("access_token", jwt.issue(userId, role, profileId), "token_type", "bearer", "user", user);
    }

    public Reply me(Request req) throws SQLException {
        Principal who = req.user();
        String json = !who.exists() ? null : db.one("""
                SELECT json_build_object('id', u.id, 'email', u.email, 'full_name', p.full_name, 'role', ?::text,
                  'profile_id', p.id, 'phone', p.phone, 'license_number', p.license_number,
                  'license_expiry', p.license_expiry, 'address', p.address, 'avatar_url', p.avatar_url)::text
                FROM auth.users u JOIN profiles p ON p.user_id = u.id
                WHERE u.id = ? AND p.id = ?""", who.role(), who.userId(), who.profileId());
        if (json == null) {
            throw ApiException.notFound("User not found");
        }
        return Reply.json(json);
    }

    public Reply changePassword(Request req) throws Exception {
        JsonBody body = req.body();
        String current = body.requiredRawText("current_password", 1024);
        String fresh = body.requiredRawText("new_password", 1024);
        UUID userId = req.user().userId();
        // bcrypt runs outside any transaction so a slow hash never holds a pooled connection.
        String hash = db.one("SELECT encrypted_password FROM auth.users WHERE id = ?", userId);
        if (hash == null) {
            throw ApiException.notFound("User not found");
        }
        if (!Passwords.verify(current, hash)) {
            throw ApiException.badRequest("Current password is incorrect");
        }
        if (fresh.length() < 8) {
            throw ApiException.badRequest("New password must be at least 8 characters");
        }
        String freshHash = Passwords.hash(fresh);
        int changed = db.tx(c -> Sql.update(c, "UPDATE auth.users SET encrypted_password = ?, updated_at = now() "
                + "WHERE id = ? AND encrypted_password = ?", freshHash, userId, hash));
        if (changed == 0) {
            throw new ApiException(409, "The password was changed meanwhile; sign in again");
        }
        return Reply.message("Password changed successfully");
    }
}
