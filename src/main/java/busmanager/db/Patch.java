package busmanager.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A partial UPDATE: only the columns given are written. Typical use:
 * <pre>
 *   Patch p = new Patch();
 *   if (body.has("bus_name")) p.set("bus_name", body.text("bus_name"));
 *   if (body.has("status")) p.set("status", body.enumValue("status", STATUSES), "bus_status");
 *   p.apply(c, "buses", id);
 * </pre>
 */
public final class Patch {
    private final List<String> assignments = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public Patch set(String column, Object value) {
        assignments.add(column + " = ?");
        params.add(value);
        return this;
    }

    /** For enum columns: binds the text and casts it to the PostgreSQL type. */
    public Patch set(String column, Object value, String pgType) {
        assignments.add(column + " = ?::" + pgType);
        params.add(value);
        return this;
    }

    /** A raw SQL expression, e.g. {@code set("approved_at", "now()")} would be {@code setSql}. */
    public Patch setSql(String column, String expression) {
        assignments.add(column + " = " + expression);
        return this;
    }

    public boolean isEmpty() {
        return assignments.isEmpty();
    }

    public boolean touches(String column) {
        return assignments.stream().anyMatch(a -> a.startsWith(column + " = "));
    }

    /** Runs {@code UPDATE table SET ... WHERE id = ?}; returns rows changed (0 when nothing to set). */
    public int apply(Connection c, String table, UUID id) throws SQLException {
        if (assignments.isEmpty()) {
            return 0;
        }
        List<Object> all = new ArrayList<>(params);
        all.add(id);
        return Sql.update(c, "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE id = ?",
                all.toArray());
    }
}
