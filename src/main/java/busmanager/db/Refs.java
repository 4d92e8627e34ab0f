package busmanager.db;

import busmanager.http.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** Checks that ids sent in a body name existing rows, answering 422 naming the field (api.md §0.6). */
public final class Refs {
    private Refs() {
    }

    /** 422 {@code field: <what> not found} when the id is given but no row of the table has it. */
    public static void mustExist(Connection c, String table, UUID id, String field, String what) throws SQLException {
        if (id != null && !Sql.exists(c, "SELECT 1 FROM " + table + " WHERE id = ?", id)) {
            throw ApiException.invalidField(field, what + " not found");
        }
    }
}
