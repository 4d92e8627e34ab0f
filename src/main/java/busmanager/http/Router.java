package busmanager.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matches method + path to a route. Literal segments win over {@code {param}} segments. */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public record Match(Route route, Map<String, String> params) {
    }

    public Router get(String path, Access access, Handler handler, String summary) {
        return add(new Route("GET", path, access, handler, summary, null));
    }

    public Router post(String path, Access access, Handler handler, String summary, String body) {
        return add(new Route("POST", path, access, handler, summary, body));
    }

    public Router put(String path, Access access, Handler handler, String summary, String body) {
        return add(new Route("PUT", path, access, handler, summary, body));
    }

    public Router delete(String path, Access access, Handler handler, String summary) {
        return add(new Route("DELETE", path, access, handler, summary, null));
    }

    public Router add(Route route) {
        for (Route r : routes) {
            if (r.method().equals(route.method()) && r.path().equals(route.path())) {
                throw new IllegalArgumentException("duplicate route " + route.method() + " " + route.path());
            }
        }
        routes.add(route);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The best route for the method, or null. */
    public Match match(String method, List<String> pathSegments) {
        Match best = null;
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> params = bind(route.segments(), pathSegments);
            if (params != null && (best == null || moreLiteral(route, best.route()))) {
                best = new Match(route, params);
            }
        }
        return best;
    }

    /** True when some route has this path under another method (405 rather than 404). */
    public boolean pathExists(List<String> pathSegments) {
        for (Route route : routes) {
            if (bind(route.segments(), pathSegments) != null) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> bind(List<String> template, List<String> actual) {
        if (template.size() != actual.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{")) {
                params.put(t.substring(1, t.length() - 1), actual.get(i));
            } else if (!t.equals(actual.get(i))) {
                return null;
            }
        }
        return params;
    }

    private static boolean moreLiteral(Route candidate, Route current) {
        List<String> a = candidate.segments();
        List<String> b = current.segments();
        for (int i = 0; i < a.size(); i++) {
            boolean aParam = a.get(i).startsWith("{");
            boolean bParam = b.get(i).startsWith("{");
            if (aParam != bParam) {
                return bParam;
            }
        }
        return false;
    }

    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts;
    }
}
