package busmanager.system;

import busmanager.http.Access;
import busmanager.http.Json;
import busmanager.http.Reply;
import busmanager.http.Request;
import busmanager.http.Route;
import busmanager.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /openapi.json and a self-contained /docs page, both made from the route table. */
public final class DocsRoutes {
    private final Router router;

    public DocsRoutes(Router router) {
        this.router = router;
    }

    public Reply openApi(Request req) {
        return Reply.json(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("openapi", "3.0.3");
            g.writeObjectFieldStart("info");
            g.writeStringField("title", "BusManager API");
            g.writeStringField("version", "1.0.0");
            g.writeEndObject();
            g.writeObjectFieldStart("components");
            g.writeObjectFieldStart("securitySchemes");
            g.writeObjectFieldStart("bearer");
            g.writeStringField("type", "http");
            g.writeStringField("scheme", "bearer");
            g.writeStringField("bearerFormat", "JWT");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("paths");
            for (Map.Entry<String, List<Route>> path : byPath().entrySet()) {
                g.writeObjectFieldStart(path.getKey());
                for (Route route : path.getValue()) {
                    g.writeObjectFieldStart(route.method().toLowerCase());
                    g.writeStringField("summary", route.summary());
                    g.writeStringField("x-access", access(route.access()));
                    if (route.access() != Access.PUBLIC) {
                        g.writeArrayFieldStart("security");
                        g.writeStartObject();
                        g.writeArrayFieldStart("bearer");
                        g.writeEndArray();
                        g.writeEndObject();
                        g.writeEndArray();
                    }
                    List<String> params = pathParams(route.path());
                    if (!params.isEmpty()) {
                        g.writeArrayFieldStart("parameters");
                        for (String p : params) {
                            Json.writeObject(g, "name", p, "in", "path", "required", true,
                                    "schema", Map.of("type", "string"));
                        }
                        g.writeEndArray();
                    }
                    if (route.body() != null) {
                        g.writeObjectFieldStart("requestBody");
                        g.writeStringField("description", "JSON object: " + route.body());
                        g.writeEndObject();
                    }
                    g.writeObjectFieldStart("responses");
                    g.writeObjectFieldStart("200");
                    g.writeStringField("description", "OK");
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    public Reply page(Request req) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>BusManager API</title>
                <style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}
                td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
                code{font-size:13px}.m{font-weight:bold}.GET{color:#06c}.POST{color:#080}.PUT{color:#a60}.DELETE{color:#c00}
                </style></head><body><h1>BusManager API</h1>
                <p>All requests and answers are JSON. Send <code>Authorization: Bearer &lt;token&gt;</code> from
                <code>POST /auth/login</code>. Errors are <code>{"detail": "..."}</code>. Machine-readable:
                <a href="/openapi.json">/openapi.json</a>. In bodies, <code>*</code> marks a required field.</p>
                <table><tr><th>Method</th><th>Path</th><th>Who</th><th>What</th><th>Body</th></tr>
                """);
        for (Route r : router.routes()) {
            html.append("<tr><td class=\"m ").append(r.method()).append("\">").append(r.method())
                    .append("</td><td><code>").append(escape(r.path())).append("</code></td><td>")
                    .append(access(r.access())).append("</td><td>").append(escape(r.summary())).append("</td><td>")
                    .append(r.body() == null ? "" : escape(r.body())).append("</td></tr>\n");
        }
        html.append("</table></body></html>\n");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            Reply.sendBytes(exchange, 200, "text/html; charset=utf-8", bytes);
        };
    }

    private Map<String, List<Route>> byPath() {
        Map<String, List<Route>> paths = new LinkedHashMap<>();
        for (Route r : router.routes()) {
            paths.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r);
        }
        return paths;
    }

    private static List<String> pathParams(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.startsWith("{")) {
                out.add(s.substring(1, s.length() - 1));
            }
        }
        return out;
    }

    private static String access(Access a) {
        return switch (a) {
            case PUBLIC -> "public";
            case TOKEN, AUTH -> "any signed-in user";
            case ADMIN -> "admin";
            case ADMIN_DRIVER -> "admin, driver";
            case REPAIR_ORG -> "repair_org";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
