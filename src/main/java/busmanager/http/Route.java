package busmanager.http;

import java.util.List;

/**
 * One endpoint: method, path template ({@code /buses/{bus_id}}), who may call it, the handler, and its
 * documentation (a summary, and for writes the body fields) which /docs and /openapi.json show.
 */
public record Route(String method, String path, Access access, Handler handler, String summary, String body) {
    public Route {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("route " + method + " " + path + " has no documentation");
        }
    }

    List<String> segments() {
        return Router.split(path);
    }
}
