package busmanager.settings;

import busmanager.db.Database;
import busmanager.db.Sql;
import busmanager.http.ApiException;
import busmanager.http.Json;
import busmanager.http.JsonBody;
import busmanager.http.Reply;
import busmanager.http.Request;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Admin settings, free key/value text pairs (api.md §15, domain.md §5.3). */
public final class SettingsRoutes {
    /** Answered by GET /settings/{key} when the row is missing (the old schema never seeds the first). */
    static final Map<String, String> BUILT_IN_DEFAULTS = Map.of(
            "expiry_alert_days", "30", "fuel_price_per_liter", "90", "gst_percentage", "18");
    static final String LOGO_KEY = "company_logo_url";
    static final int MAX_KEY = 100;
    static final int MAX_VALUE = 10_000;
    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_BULK = 200;
    private static final String SHORT_JSON = """
            json_build_object('id', s.id, 'key', s.key, 'value', s.value, 'description', s.description)::text
            FROM admin_settings s""";
    private static final String UPSERT = """
            INSERT INTO admin_settings AS s (key, value) VALUES (?, ?)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""";

    private final Database db;

    public SettingsRoutes(Database db) {
        this.db = db;
    }

    public Reply list(Request req) {
        return db.list("""
                SELECT json_build_object('id', s.id, 'key', s.key, 'value', s.value, 'description', s.description,
                  'created_at', s.created_at, 'updated_at', s.updated_at)::text
                FROM admin_settings s ORDER BY s.key""");
    }

    public Reply get(Request req) throws SQLException {
        String key = req.pathParam("key");
        String json = db.one("SELECT " + SHORT_JSON + " WHERE s.key = ?", key);
        if (json != null) {
            return Reply.json(json);
        }
        String fallback = BUILT_IN_DEFAULTS.get(key);
        if (fallback == null) {
            throw ApiException.notFound("Setting not found");
        }
        return Reply.of("id", null, "key", key, "value", fallback, "description", null);
    }

    /** Bulk save of the Settings page: every item is checked first, then all are written in one transaction. */
    public Reply putAll(Request req) throws Exception {
        List<JsonBody> items = req.body().objectList("settings", MAX_BULK);
        if (items == null) {
            throw ApiException.invalidField("settings", "Field required");
        }
        Map<String, String> applied = new LinkedHashMap<>();
        for (JsonBody item : items) {
            String key = item.text("key", MAX_KEY);
            if (key == null || key.isBlank()) { // the old API skipped items without a key
                continue;
            }
            applied.remove(key); // a repeated key: the last one wins, listed once
            applied.put(key, checkedValue(key, SettingValues.text(item, "value", MAX_VALUE)));
        }
        db.tx(c -> {
            // In key order, so two saves running at once lock the rows in the same order (no deadlock).
            for (Map.Entry<String, String> e : new TreeMap<>(applied).entrySet()) {
                Sql.update(c, UPSERT, e.getKey(), e.getValue());
            }
            return null;
        });
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, String> e : applied.entrySet()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("key", e.getKey());
            one.put("value", e.getValue());
            out.add(one);
        }
        return Reply.json(Json.write(g -> Json.writeValue(g, out)));
    }

    public Reply put(Request req) throws Exception {
        String key = checkedKey(req.pathParam("key"));
        JsonBody body = req.body();
        if (!body.hasValue("value")) {
            throw ApiException.invalidField("value", "Field required");
        }
        String value = checkedValue(key, SettingValues.text(body, "value", MAX_VALUE));
        boolean withDescription = body.has("description");
        String description = body.text("description", MAX_DESCRIPTION);
        return Reply.json(db.tx(c -> {
            Sql.update(c, UPSERT, key, value);
            if (withDescription) {
                Sql.update(c, "UPDATE admin_settings SET description = ? WHERE key = ?", description, key);
            }
            return one(c, key);
        }));
    }

    private static String one(Connection c, String key) throws SQLException {
        return Sql.text(c, "SELECT " + SHORT_JSON + " WHERE s.key = ?", key);
    }

    private static String checkedKey(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.invalid("path", "key", "Setting key must not be empty");
        }
        if (key.length() > MAX_KEY) {
            throw ApiException.invalid("path", "key", "Setting key should have at most " + MAX_KEY + " characters");
        }
        return key;
    }

    /** The logo URL lands in an {@code <img src>} on every page: only "", http(s) or /uploads/ (api.md §15.3). */
    static String checkedValue(String key, String value) {
        if (LOGO_KEY.equals(key) && !value.isEmpty() && !JsonBody.isSafeUrl(value)) {
            throw ApiException.badRequest(
                    "company_logo_url must be empty, an http(s) URL or a path starting with /uploads/");
        }
        return value;
    }
}
