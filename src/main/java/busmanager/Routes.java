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
import busmanager.web.WebAppHandler;

/** Every endpoint, who may call it, and what it does. The docs at /docs are made from this table. */
final class Routes {
    private Routes() {
    }

    static Router build(Deps d) {
        var system = new SystemRoutes(d.db());
        var auth = new AuthRoutes(d.db(), d.jwt(), new LoginThrottle(d.clock()), d.config().signupEnabled());
        Router r = new Router();
        var docs = new DocsRoutes(r);

        var web = WebAppHandler.of(d.config().webDir());
        r.get("/", PUBLIC, web == null ? system::root : web.navigationOr(system::root),
                "API name and version (a browser gets the web app instead when WEB_DIR is set)");
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

        return r;
    }
}
