package busmanager.cli;

import busmanager.auth.Passwords;
import busmanager.config.Config;
import busmanager.db.Database;
import busmanager.db.Migrations;
import busmanager.users.UserAccounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code create-user}: the first admin (or any login) without psql. */
public final class CreateUserCommand {
    private CreateUserCommand() {
    }

    public static void run(Config config, Map<String, String> o) throws Exception {
        String role = o.getOrDefault("role", "driver");
        if (!Set.of("admin", "driver", "repair_org").contains(role)) {
            throw new IllegalArgumentException("--role must be admin, driver or repair_org");
        }
        for (String required : List.of("email", "password", "name")) {
            if (o.get(required) == null || o.get(required).isBlank()) {
                throw new IllegalArgumentException("create-user needs --" + required);
            }
        }
        if (o.get("password").length() < 8) {
            throw new IllegalArgumentException("--password must have at least 8 characters");
        }
        UUID org = o.get("repair-org-id") == null ? null : UUID.fromString(o.get("repair-org-id"));
        if (role.equals("repair_org") != (org != null)) {
            throw new IllegalArgumentException("--repair-org-id is required for role repair_org, and only for it");
        }
        LocalDate expiry = o.get("license-expiry") == null ? null : LocalDate.parse(o.get("license-expiry"));
        Migrations.ensureDatabaseExists(config);
        try (Database db = new Database(config)) {
            Migrations.ensureCurrent(config, db.dataSource());
            String passwordHash = Passwords.hash(o.get("password"));
            var created = db.tx(c -> UserAccounts.create(c, new UserAccounts.NewUser(o.get("email").strip(),
                    passwordHash, o.get("name").strip(), role, o.get("phone"), o.get("license-number"), expiry,
                    null, org, true)));
            System.out.println("Created " + role + " " + o.get("email") + " (user id " + created.userId()
                    + ", profile id " + created.profileId() + ")");
        }
    }
}
