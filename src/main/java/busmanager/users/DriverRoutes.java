package busmanager.users;

import busmanager.auth.Passwords;
import busmanager.auth.Principal;
import busmanager.db.Database;
import busmanager.db.Patch;
import busmanager.db.Refs;
import busmanager.db.Sql;
import busmanager.db.Where;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * User profiles under their historical name "drivers" (api.md §9): every role is listed and managed here.
 * Role changes are in {@link RoleAssignment}, deletion in {@link UserDeletion}.
 */
public final class DriverRoutes {
    static final Set<String> ROLES = Set.of(Principal.ADMIN, Principal.DRIVER, Principal.REPAIR_ORG);
    static final String NOT_FOUND = "Driver not found";
    static final int MAX_NAME = 100;
    static final int MAX_PHONE = 15;
    static final int MAX_LICENSE = 50;
    static final int MAX_ADDRESS = 500;
    static final int MIN_PASSWORD = 6;

    private static final String ROLE_OF_PROFILE =
            "(SELECT r.role FROM user_roles r WHERE r.user_id = p.user_id ORDER BY r.created_at LIMIT 1)";

    private final Database db;

    public DriverRoutes(Database db) {
        this.db = db;
    }

    /** Every profile, newest first; {@code ?role=} keeps one role (its first role row, as everywhere). */
    public Reply list(Request req) {
        String role = req.query().enumValue("role", ROLES);
        Where where = new Where().and(ROLE_OF_PROFILE + " = ?::app_role", role);
        return db.list("SELECT " + UserAccounts.PROFILE_JSON + UserAccounts.PROFILE_FROM + where.sql()
                + " ORDER BY p.created_at DESC, p.id", where.params());
    }

    public Reply roles(Request req) {
        return db.list("""
                SELECT json_build_object('id', r.id, 'user_id', r.user_id, 'role', r.role,
                  'created_at', r.created_at)::text
                FROM user_roles r ORDER BY r.created_at, r.id""");
    }

    /** The caller's own profile, with {@code repair_org_id} (the repair portal reads it). */
    public Reply me(Request req) throws SQLException {
        return profile(req.user().profileId());
    }

    public Reply get(Request req) throws SQLException {
        return profile(ownOrAdmin(req));
    }

    private Reply profile(UUID profileId) throws SQLException {
        String json = db.read(c -> UserAccounts.profileJson(c, profileId));
        if (json == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.json(json);
    }

    /** The path's profile id; a non-admin may only name their own profile (403, existing or not). */
    private static UUID ownOrAdmin(Request req) {
        UUID id = req.pathId("driver_id", NOT_FOUND);
        Principal who = req.user();
        if (!who.isAdmin() && !id.equals(who.profileId())) {
            throw ApiException.forbidden("Access denied");
        }
        return id;
    }

    public Reply update(Request req) throws Exception {
        UUID id = ownOrAdmin(req);
        JsonBody body = req.body();
        Patch patch = new Patch();
        String fullName = null;
        if (body.has("full_name")) {
            fullName = body.requiredText("full_name", MAX_NAME).strip();
            patch.set("full_name", fullName);
        }
        if (body.has("phone")) {
            patch.set("phone", body.textOrNull("phone", MAX_PHONE));
        }
        if (body.has("license_number")) {
            patch.set("license_number", body.textOrNull("license_number", MAX_LICENSE));
        }
        if (body.has("license_expiry")) {
            patch.set("license_expiry", body.date("license_expiry"));
        }
        if (body.has("address")) {
            patch.set("address", body.textOrNull("address", MAX_ADDRESS));
        }
        String newName = fullName;
        return Reply.json(db.tx(c -> {
            UUID userId = Sql.uuid(c, "SELECT user_id FROM profiles WHERE id = ? FOR UPDATE", id);
            if (userId == null) {
                throw ApiException.notFound(NOT_FOUND);
            }
            patch.apply(c, "profiles", id);
            if (newName != null) { // keep the login's metadata in step, as sign-up wrote it
                Sql.update(c, """
                        UPDATE auth.users SET raw_user_meta_data =
                          COALESCE(raw_user_meta_data, '{}'::jsonb) || jsonb_build_object('full_name', ?::text),
                          updated_at = now()
                        WHERE id = ?""", newName, userId);
            }
            return UserAccounts.profileJson(c, id);
        }));
    }

    /**
     * POST /drivers and /drivers/create (api.md §9.4): a driver login, or with {@code role: "repair_org"} a
     * workshop login bound to {@code repair_org_id}. Empty optional fields from the raw form become null.
     */
    public Reply create(Request req) throws Exception {
        JsonBody body = req.body();
        String email = body.requiredEmail("email");
        String password = body.requiredRawText("password", 1024);
        String fullName = body.requiredText("full_name", MAX_NAME).strip();
        String phone = body.textOrNull("phone", MAX_PHONE);
        String licenseNumber = body.textOrNull("license_number", MAX_LICENSE);
        LocalDate licenseExpiry = body.date("license_expiry");
        String address = body.textOrNull("address", MAX_ADDRESS);
        String role = body.textOrNull("role", 64);
        UUID orgId = body.uuid("repair_org_id");
        if (role == null || role.equals(Principal.DRIVER)) {
            role = Principal.DRIVER;
            if (orgId != null) {
                throw ApiException.invalidField("repair_org_id",
                        "Only repair_org users belong to a repair organization");
            }
        } else if (role.equals(Principal.REPAIR_ORG)) {
            if (orgId == null) {
                throw ApiException.invalidField("repair_org_id", "Field required for role repair_org");
            }
        } else {
            throw ApiException.invalidField("role", "Input should be one of: driver, repair_org "
                    + "(admins are made with /drivers/assign-role)");
        }
        if (password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("Password must be at least 6 characters");
        }
        boolean workshop = role.equals(Principal.REPAIR_ORG);
        var user = new UserAccounts.NewUser(email, Passwords.hash(password), fullName, role, phone, licenseNumber, licenseExpiry,
                address, orgId, workshop);
        return Reply.json(db.tx(c -> {
            Refs.mustExist(c, "repair_organizations", orgId, "repair_org_id", "Organization");
            UserAccounts.Created created = UserAccounts.create(c, user);
            return UserAccounts.profileJson(c, created.profileId());
        }));
    }
}
