package busmanager;

import static busmanager.http.Access.ADMIN;
import static busmanager.http.Access.AUTH;
import static busmanager.http.Access.PUBLIC;
import static busmanager.http.Access.TOKEN;

import busmanager.auth.AuthRoutes;
import busmanager.auth.LoginThrottle;
import busmanager.http.Router;
import busmanager.system.DocsRoutes;
import busmanager.system.SystemRoutes;
import busmanager.uploads.UploadRoutes;
import busmanager.uploads.UploadedFileRoutes;

/** Every endpoint, who may call it, and what it does. The docs at /docs are made from this table. */
final class Routes {
    private Routes() {
    }

    static Router build(Deps d) {
        var system = new SystemRoutes(d.db());
        var auth = new AuthRoutes(d.db(), d.jwt(), new LoginThrottle(d.clock()), d.config().signupEnabled());
        Router r = new Router();
        var docs = new DocsRoutes(r);

        r.get("/", PUBLIC, system::root, "API name and version");
        r.get("/health", PUBLIC, system::health, "Health: 200 when the database answers, else 503");
        r.get("/openapi.json", PUBLIC, docs::openApi, "OpenAPI description of every endpoint");
        r.get("/docs", PUBLIC, docs::page, "This documentation page");

        // --- auth (api.md §2)
        r.post("/auth/login", PUBLIC, auth::login, "Log in; returns a 24 h bearer token and the user",
                "email*, password*");
        r.post("/auth/signup", PUBLIC, auth::signup, "Register a new driver account",
                "email*, password* (min 6), full_name*");
        r.get("/auth/me", TOKEN, auth::me, "The signed-in user with profile fields");
        r.post("/auth/change-password", TOKEN, auth::changePassword, "Change own password",
                "current_password*, new_password* (min 8)");

        // --- uploads (api.md §14, §1.3)
        var uploads = new UploadRoutes(d);
        var uploadedFiles = new UploadedFileRoutes(d);
        r.get("/uploads/{subdir}/{filename}", PUBLIC, uploadedFiles::serve,
                "An uploaded file (expenses, repairs or logos), typed by its extension, never served as HTML");
        r.post("/upload/expense", AUTH, uploads::uploadExpense,
                "Upload an expense bill or receipt: multipart/form-data with part file* (JPEG, PNG, WebP or PDF, "
                        + "up to UPLOAD_MAX_BYTES); returns url, filename, content_type", null);
        r.post("/upload/repair", AUTH, uploads::uploadRepair,
                "Upload a repair photo: multipart/form-data with part file* (JPEG, PNG or WebP, up to "
                        + "UPLOAD_MAX_BYTES); returns url, filename, content_type", null);
        r.post("/upload/logo", ADMIN, uploads::uploadLogo,
                "Upload the company logo, replacing the previous one: multipart/form-data with part file* "
                        + "(JPEG, PNG, WebP or SVG, up to 2 MB); returns url, filename, content_type", null);
        r.delete("/upload/expense/{filename}", AUTH, uploads::deleteExpense,
                "Delete an uploaded expense file (admin: any; others: only files they uploaded)");
        r.delete("/upload/repair/{filename}", AUTH, uploads::deleteRepair,
                "Delete an uploaded repair photo (admin: any; others: only files they uploaded)");

        return r;
    }
}
