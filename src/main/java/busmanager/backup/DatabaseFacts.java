package busmanager.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a backup records about a database and what a restore checks before and after. */
final class DatabaseFacts {
    private static final String USER_SCHEMAS =
            "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'";

    private DatabaseFacts() {
    }

    /** Rows per table ({@code schema.table}) of every table outside PostgreSQL's own schemas. */
    static Map<String, Long> rowCounts(Connection c) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname || '.' || t.relname,"
                     + " quote_ident(n.nspname) || '.' || quote_ident(t.relname)"
                     + " FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                     + " WHERE t.relkind IN ('r', 'p') AND NOT t.relispartition AND " + USER_SCHEMAS
                     + " ORDER BY 1")) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String[] t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t[1])) {
                    rs.next();
                    counts.put(t[0], rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The highest applied migration; 0 for a database without migration history (the old stack's). */
    static int schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CASE WHEN to_regclass('public.flyway_schema_history') IS NULL"
                     + " THEN NULL ELSE 1 END")) {
            rs.next();
            if (rs.getObject(1) == null) {
                return 0;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(version::int), 0) FROM flyway_schema_history"
                     + " WHERE success AND version ~ '^[0-9]+$'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Why the database is not empty (its own tables, types, functions, schemas), or an empty list. */
    static List<String> contents(Connection c) throws SQLException {
        String sql = "SELECT what FROM (SELECT 'table ' || n.nspname || '.' || t.relname AS what FROM pg_class t"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE t.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + USER_SCHEMAS
                + " UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname FROM pg_type t"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd') AND " + USER_SCHEMAS
                + " UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
                + " AND d.objid = p.oid AND d.deptype = 'e')"
                + " UNION ALL SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS
                + " AND n.nspname <> 'public') found (what)"
                + " ORDER BY what LIKE 'table %' DESC, what";
        List<String> found = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }
}
