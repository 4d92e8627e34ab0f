package busmanager.states;

import busmanager.db.Database;
import busmanager.http.Reply;
import busmanager.http.Request;

/** Indian states and union territories (api.md §5), the pick list of bus home states and route ends. */
public final class StateRoutes {
    private final Database db;

    public StateRoutes(Database db) {
        this.db = db;
    }

    public Reply list(Request req) {
        return db.list("""
                SELECT json_build_object('id', s.id, 'state_name', s.state_name, 'state_code', s.state_code,
                  'is_union_territory', s.is_union_territory)::text
                FROM indian_states s ORDER BY s.state_name, s.state_code, s.id""");
    }
}
