package busmanager.users;

import busmanager.auth.Passwords;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Creating logins: one auth user, its profile and its role row, in the caller's transaction — the same rows
 * the SQL function create_user_with_role writes. Used by sign-up, admin user creation and the CLI.
 */
public final class UserAccounts {
    public static final String PROFILE_JSON = """
            json_build_object('id', p.id, 'user_id', p.user_id, 'full_name', p.full_name, 'phone', p.phone,
              'license_number', p.license_number, 'license_expiry', p.license_expiry, 'address', p.address,
              'avatar_url', p.avatar_url, 'email', u.email,
              'role', (SELECT r.role FROM user_roles r WHERE r.user_id = p.user_id ORDER BY r.created_at LIMIT 1),
              'repair_org_id', p.repair_org_id, 'created_at', p.created_at, 'updated_at', p.updated_at)::text""";
    public static final String PROFILE_FROM = " FROM profiles p LEFT JOIN auth.users u ON u.id = p.user_id";

    private UserAccounts() {
    }

    /** A login to create; hash the password with {@link Passwords#hash} before opening the transaction. */
    public record NewUser(String email, String passwordHash, String fullName, String role, String phone,
                          String licenseNumber, LocalDate licenseExpiry, String address, UUID repairOrgId,
                          boolean emailConfirmed) {
    }

    public record Created(UUID userId, UUID profileId) {
    }

    public static boolean emailTaken(Connection c, String email) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM auth.users WHERE lower(email) = lower(?)", email);
    }

    /** Creates the login; 409 "Email already registered" when the e-mail is taken (in any letter case). */
    public static Created create(Connection c, NewUser user) throws SQLException {
        if (emailTaken(c, user.email())) {
            throw ApiException.conflict("Email already registered");
        }
        UUID userId;
        try {
            userId = Sql.uuid(c, """
                    INSERT INTO auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data)
                    VALUES (?, ?, CASE WHEN ? THEN now() END, ?::jsonb) RETURNING id""",
                    user.email(), user.passwordHash(), user.emailConfirmed(),
                    Json.of("full_name", user.fullName()));
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw ApiException.conflict("Email already registered");
            }
            throw e;
        }
        UUID profileId = Sql.uuid(c, """
                INSERT INTO profiles (user_id, full_name, phone, license_number, license_expiry, address, repair_org_id)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                userId, user.fullName(), user.phone(), user.licenseNumber(), user.licenseExpiry(), user.address(),
                user.repairOrgId());
        Sql.update(c, "INSERT INTO user_roles (user_id, role) VALUES (?, ?::app_role)", userId, user.role());
        return new Created(userId, profileId);
    }

    /** The Profile object of the API (§9), or null. */
    public static String profileJson(Connection c, UUID profileId) throws SQLException {
        return Sql.text(c, "SELECT " + PROFILE_JSON + PROFILE_FROM + " WHERE p.id = ?", profileId);
    }
}
