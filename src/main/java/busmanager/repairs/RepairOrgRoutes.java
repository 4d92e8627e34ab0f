package busmanager.repairs;

import busmanager.auth.Passwords;
import busmanager.auth.Principal;
import busmanager.Deps;
import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Patch;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import busmanager.users.UserAccounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** Repair organizations (outside workshops) and their logins (api.md §13.2-§13.6, §13.11). */
public final class RepairOrgRoutes {
    static final String NOT_FOUND = "Organization not found";
    private static final String DUPLICATE = "Organization code already exists";
    private static final String ORG_JSON = """
            json_build_object('id', o.id, 'org_code', o.org_code, 'org_name', o.org_name,
              'contact_person', o.contact_person, 'phone', o.phone, 'email', o.email, 'address', o.address,
              'is_active', o.is_active, 'created_at', o.created_at, 'updated_at', o.updated_at)::text""";
    private static final String SELECT_ORG = "SELECT " + ORG_JSON + " FROM repair_organizations o WHERE o.id = ?";

    private final Database db;

    public RepairOrgRoutes(Deps deps) {
        this.db = deps.db();
    }

    /** GET /repairs/organizations — admin: all by name; anyone else: only their own organization (0 or 1). */
    public Reply list(Request req) throws SQLException {
        Principal who = req.user();
        if (who.isAdmin()) {
            return db.list("SELECT " + ORG_JSON
                    + " FROM repair_organizations o ORDER BY lower(o.org_name), o.org_name, o.id");
        }
        return db.list("SELECT " + ORG_JSON + " FROM repair_organizations o"
                + " JOIN profiles p ON p.repair_org_id = o.id WHERE p.id = ?", who.profileId());
    }

    /** GET /repairs/organizations/{org_id} — non-admins may read only their own organization. */
    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("org_id", NOT_FOUND);
        Principal who = req.user();
        if (!who.isAdmin() && !id.equals(ownOrganization(db, who))) {
            throw ApiException.forbidden("Access denied");
        }
        return Reply.json(found(db.one(SELECT_ORG, id)));
    }

    public Reply create(Request req) throws Exception {
        JsonBody b = req.body();
        String code = b.requiredText("org_code", 50).strip();
        Insert insert = Insert.into("repair_organizations")
                .value("org_code", code)
                .value("org_name", b.requiredText("org_name", 200).strip())
                .value("contact_person", b.text("contact_person", 200))
                .value("phone", b.text("phone", 30))
                .value("email", optionalEmail(b))
                .value("address", b.text("address", 1000))
                .valueOrDefault("is_active", b.bool("is_active"));
        UUID id = db.tx(c -> {
            checkCodeFree(c, code, null);
            return uniqueCode(() -> insert.execute(c));
        });
        return Reply.json(db.one(SELECT_ORG, id));
    }

    /** PUT /repairs/organizations/{org_id} — partial update. */
    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("org_id", NOT_FOUND);
        JsonBody b = req.body();
        Patch patch = new Patch();
        String code = b.has("org_code") ? b.requiredText("org_code", 50).strip() : null;
        if (code != null) {
            patch.set("org_code", code);
        }
        if (b.has("org_name")) {
            patch.set("org_name", b.requiredText("org_name", 200).strip());
        }
        if (b.has("contact_person")) {
            patch.set("contact_person", b.text("contact_person", 200));
        }
        if (b.has("phone")) {
            patch.set("phone", b.text("phone", 30));
        }
        if (b.has("email")) {
            patch.set("email", optionalEmail(b));
        }
        if (b.has("address")) {
            patch.set("address", b.text("address", 1000));
        }
        if (b.has("is_active")) {
            Boolean active = b.bool("is_active");
            if (active == null) {
                throw ApiException.invalidField("is_active", "Field cannot be null");
            }
            patch.set("is_active", active);
        }
        db.tx(c -> {
            lockOrganization(c, id, "FOR UPDATE");
            if (code != null) {
                checkCodeFree(c, code, id);
            }
            return uniqueCode(() -> patch.apply(c, "repair_organizations", id));
        });
        return Reply.json(db.one(SELECT_ORG, id));
    }

    /** DELETE /repairs/organizations/{org_id} — refused (409) while repair records or users belong to it. */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("org_id", NOT_FOUND);
        db.tx(c -> {
            lockOrganization(c, id, "FOR UPDATE");
            if (Sql.exists(c, "SELECT 1 FROM repair_records WHERE organization_id = ?", id)) {
                throw ApiException.conflict("Cannot delete an organization that has repair records");
            }
            if (Sql.exists(c, "SELECT 1 FROM profiles WHERE repair_org_id = ?", id)) {
                throw ApiException.conflict("Cannot delete an organization that has users");
            }
            return Sql.update(c, "DELETE FROM repair_organizations WHERE id = ?", id);
        });
        return Reply.message("Organization deleted successfully");
    }

    /** POST /repairs/organizations/{org_id}/users — a repair_org login bound to the organization. */
    public Reply createUser(Request req) throws Exception {
        UUID orgId = req.pathId("org_id", NOT_FOUND);
        JsonBody b = req.body();
        String email = b.requiredEmail("email");
        String password = b.requiredRawText("password", 1024);
        String fullName = b.requiredText("full_name", 100).strip();
        String phone = b.textOrNull("phone", 15);
        if (password.length() < 6) {
            throw ApiException.badRequest("Password must be at least 6 characters");
        }
        String passwordHash = Passwords.hash(password);
        String profile = db.tx(c -> {
            // FOR SHARE: the organization cannot be deleted while its new user is being written.
            lockOrganization(c, orgId, "FOR SHARE");
            UserAccounts.Created created = UserAccounts.create(c, new UserAccounts.NewUser(email, passwordHash, fullName,
                    Principal.REPAIR_ORG, phone == null ? null : phone.strip(), null, null, null, orgId, true));
            return UserAccounts.profileJson(c, created.profileId());
        });
        return Reply.json(profile);
    }

    /** The organization the caller's profile is linked to, or null. */
    static UUID ownOrganization(Database db, Principal who) throws SQLException {
        return db.read(c -> ownOrganization(c, who));
    }

    static UUID ownOrganization(Connection c, Principal who) throws SQLException {
        return Sql.uuid(c, "SELECT repair_org_id FROM profiles WHERE id = ?", who.profileId());
    }

    private static void lockOrganization(Connection c, UUID id, String lockMode) throws SQLException {
        if (!Sql.exists(c, "SELECT 1 FROM repair_organizations WHERE id = ? " + lockMode, id)) {
            throw ApiException.notFound(NOT_FOUND);
        }
    }

    private static void checkCodeFree(Connection c, String code, UUID exceptId) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM repair_organizations WHERE org_code = ? AND id IS DISTINCT FROM ?", code,
                exceptId)) {
            throw ApiException.conflict(DUPLICATE);
        }
    }

    private interface Write<T> {
        T run() throws SQLException;
    }

    /** The code check cannot see an organization being created at this instant; the constraint can. */
    private static <T> T uniqueCode(Write<T> write) throws SQLException {
        try {
            return write.run();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw ApiException.conflict(DUPLICATE);
            }
            throw e;
        }
    }

    /** The organization's e-mail: "" is kept as the UI sends it for an empty field; otherwise it must be valid. */
    private static String optionalEmail(JsonBody b) {
        String raw = b.text("email", 254);
        return raw == null || raw.isBlank() ? raw : b.email("email");
    }

    private static String found(String json) {
        if (json == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return json;
    }
}
