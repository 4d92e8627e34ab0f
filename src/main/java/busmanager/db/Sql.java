package busmanager.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small JDBC helpers: positional parameters, one value or a few rows back. */
public final class Sql {
    private Sql() {
    }

    /** Binds parameters; a Collection of strings becomes a {@code text[]}. */
    static void bind(Connection c, PreparedStatement st, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Collection<?> list) {
                st.setArray(i + 1, c.createArrayOf("text", list.toArray()));
            } else {
                st.setObject(i + 1, p);
            }
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(c, st, params);
            return st.executeUpdate();
        }
    }

    /** First column of the first row as text, or null when there is no row. */
    public static String text(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(c, st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static UUID uuid(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(c, st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(c, st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(c, st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The first row as column name → JDBC value (uuid, BigDecimal, LocalDate via getObject...), or null. */
    public static Map<String, Object> row(Connection c, String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(c, sql + (sql.toLowerCase().contains(" limit ") ? "" : " LIMIT 1"),
                params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(c, st, params);
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs, i, md.getColumnTypeName(i)));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        return switch (type) {
            case "date" -> rs.getObject(i, java.time.LocalDate.class);
            case "time" -> rs.getObject(i, java.time.LocalTime.class);
            case "timestamptz" -> rs.getObject(i, java.time.OffsetDateTime.class);
            default -> rs.getObject(i) instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : rs.getObject(i);
        };
    }

    /** True for a unique-constraint violation (SQLSTATE 23505). */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** True for a foreign-key violation (SQLSTATE 23503). */
    public static boolean isForeignKeyViolation(SQLException e) {
        return "23503".equals(e.getSQLState());
    }
}
