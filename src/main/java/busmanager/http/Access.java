package busmanager.http;

/** Who may call a route; checked before the handler runs. */
public enum Access {
    /** No token needed. */
    PUBLIC,
    /** A valid token whose user may since have been deleted (the handler answers 404 then). */
    TOKEN,
    /** Any signed-in user that still exists. */
    AUTH,
    /** Role admin, else 403 "Admin access required". */
    ADMIN,
    /** Role admin or driver, else 403 "Access denied". */
    ADMIN_DRIVER,
    /** Role repair_org, else 403 "Only repair organization users can create records". */
    REPAIR_ORG
}
