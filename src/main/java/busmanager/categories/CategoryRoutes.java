package busmanager.categories;

import busmanager.db.Database;
import busmanager.db.Insert;
import busmanager.db.Patch;
import busmanager.db.Sql;
import busmanager.db.Where;
import busmanager.http.ApiException;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.SQLException;
import java.util.UUID;

/** Expense categories (api.md §8, and the older list at /expenses/categories, §7.3). */
public final class CategoryRoutes {
    private static final String CATEGORY_JSON = """
            json_build_object('id', ec.id, 'name', ec.name, 'description', ec.description, 'icon', ec.icon,
              'created_at', ec.created_at)::text FROM expense_categories ec""";
    private static final String CATEGORY_WITHOUT_CREATED_JSON = """
            json_build_object('id', ec.id, 'name', ec.name, 'description', ec.description, 'icon', ec.icon)::text
            FROM expense_categories ec""";
    /** Names are not unique in the old schema: equal names come back oldest first, so [0] is stable. */
    private static final String ORDER = " ORDER BY ec.name, ec.created_at, ec.id";
    private static final String NOT_FOUND = "Category not found";
    private static final int MAX_NAME = 100;
    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_ICON = 100;

    private final Database db;

    public CategoryRoutes(Database db) {
        this.db = db;
    }

    /** {@code ?name=} matches the whole name, ignoring letter case (DriverTrips asks for "water"). */
    public Reply list(Request req) {
        Where where = new Where().and("lower(ec.name) = lower(?)", req.query().text("name"));
        return db.list("SELECT " + CATEGORY_JSON + where.sql() + ORDER, where.params());
    }

    public Reply listWithoutTimestamps(Request req) {
        return db.list("SELECT " + CATEGORY_WITHOUT_CREATED_JSON + ORDER);
    }

    public Reply get(Request req) throws SQLException {
        UUID id = req.pathId("category_id", NOT_FOUND);
        return reload(id);
    }

    public Reply create(Request req) throws Exception {
        JsonBody body = req.body();
        Insert insert = Insert.into("expense_categories")
                .value("name", body.requiredText("name", MAX_NAME).strip())
                .value("description", body.text("description", MAX_DESCRIPTION))
                .value("icon", body.text("icon", MAX_ICON));
        UUID id = db.tx(insert::execute);
        return reload(id);
    }

    public Reply update(Request req) throws Exception {
        UUID id = req.pathId("category_id", NOT_FOUND);
        JsonBody body = req.body();
        Patch patch = new Patch();
        if (body.has("name")) {
            patch.set("name", body.requiredText("name", MAX_NAME).strip());
        }
        if (body.has("description")) {
            patch.set("description", body.text("description", MAX_DESCRIPTION));
        }
        if (body.has("icon")) {
            patch.set("icon", body.text("icon", MAX_ICON));
        }
        db.tx(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM expense_categories WHERE id = ? FOR UPDATE", id)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return patch.apply(c, "expense_categories", id);
        });
        return reload(id);
    }

    private Reply reload(UUID id) throws SQLException {
        String json = db.one("SELECT " + CATEGORY_JSON + " WHERE ec.id = ?", id);
        if (json == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return Reply.json(json);
    }

    /** Refused while expenses use the category: they keep their history and the column is NOT NULL. */
    public Reply delete(Request req) throws SQLException {
        UUID id = req.pathId("category_id", NOT_FOUND);
        return db.tx(c -> {
            if (!Sql.exists(c, "SELECT 1 FROM expense_categories WHERE id = ? FOR UPDATE", id)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            long used = Sql.count(c, "SELECT count(*) FROM expenses WHERE category_id = ?", id);
            if (used > 0) {
                throw ApiException.conflict("Cannot delete category: it is used by " + used + " expense(s)");
            }
            try {
                Sql.update(c, "DELETE FROM expense_categories WHERE id = ?", id);
            } catch (SQLException e) {
                if (Sql.isForeignKeyViolation(e)) {
                    throw ApiException.conflict("Cannot delete category: other records still reference it");
                }
                throw e;
            }
            return Reply.message("Category deleted successfully");
        });
    }
}
