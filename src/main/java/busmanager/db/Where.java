package busmanager.db;

import java.util.ArrayList;
import java.util.List;

/** AND-ed filter conditions with their parameters, for list endpoints. */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} (with one {@code ?} per parameter) unless the single value is null. */
    public Where and(String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
        return this;
    }

    /** Adds a condition that always applies, with any number of parameters. */
    public Where always(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    /** {@code " WHERE a AND b"}, or an empty string. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Parameters in order, with any extra ones (limit, offset) appended. */
    public Object[] params(Object... extra) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(extra));
        return all.toArray();
    }

    /** {@code " LIMIT n OFFSET m"} for a limit that may be null (all rows). */
    public static String page(Integer limit, int offset) {
        return (limit == null ? "" : " LIMIT " + limit) + (offset > 0 ? " OFFSET " + offset : "");
    }
}
