package busmanager.system;

import busmanager.db.Database;
import busmanager.http.Json;
import busmanager.http.Reply;
import busmanager.http.Request;

/** Root and health endpoints (api.md §1). */
public final class SystemRoutes {
    private final Database db;

    public SystemRoutes(Database db) {
        this.db = db;
    }

    public Reply root(Request req) {
        return Reply.of("message", "BusManager API", "version", "1.0.0");
    }

    public Reply health(Request req) {
        if (db.isReachable()) {
            return Reply.of("status", "healthy");
        }
        return Reply.json(503, Json.of("status", "unhealthy", "detail", "Database unreachable"));
    }
}
