package busmanager.auth;

import java.util.UUID;

/**
 * The caller of a request: auth user id ({@code sub}), profile id and the role as the database has it now.
 * {@code role} is null when the user no longer exists (only routes with Access.TOKEN see such a caller).
 */
public record Principal(UUID userId, UUID profileId, String role) {
    public static final String ADMIN = "admin";
    public static final String DRIVER = "driver";
    public static final String REPAIR_ORG = "repair_org";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public boolean isDriver() {
        return DRIVER.equals(role);
    }

    public boolean isRepairOrg() {
        return REPAIR_ORG.equals(role);
    }

    public boolean exists() {
        return role != null;
    }
}
