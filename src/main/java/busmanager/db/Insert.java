package busmanager.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An INSERT built column by column; columns not given keep their database default. */
public final class Insert {
    private final String table;
    private final List<String> columns = new ArrayList<>();
    private final List<String> placeholders = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    private Insert(String table) {
        this.table = table;
    }

    public static Insert into(String table) {
        return new Insert(table);
    }

    public Insert value(String column, Object value) {
        columns.add(column);
        placeholders.add("?");
        params.add(value);
        return this;
    }

    /** Sets the column only when the value is not null, so the column default applies otherwise. */
    public Insert valueOrDefault(String column, Object value) {
        return value == null ? this : value(column, value);
    }

    /** For enum columns: binds text and casts to the PostgreSQL type. */
    public Insert value(String column, Object value, String pgType) {
        columns.add(column);
        placeholders.add("?::" + pgType);
        params.add(value);
        return this;
    }

    /** Runs the insert and returns the new row's id. */
    public UUID execute(Connection c) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", placeholders) + ") RETURNING id";
        return Sql.uuid(c, sql, params.toArray());
    }
}
