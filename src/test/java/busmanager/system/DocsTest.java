package busmanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every route of the running server is documented in /openapi.json and on /docs. */
class DocsTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void everyRouteIsDocumented() throws Exception {
        JsonNode spec = api.get("/openapi.json", null).json();
        String page = api.get("/docs", null).body();
        List<String> undocumented = new ArrayList<>();
        // Probe every documented method/path, and check the page lists it: the table is the single source.
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String summary = op.getValue().path("summary").asText("");
            if (summary.isBlank() || !page.contains(path.getKey().replace("{", "{"))) {
                undocumented.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(undocumented).isEmpty();
        assertThat(spec.get("paths").has("/auth/login")).isTrue();
        assertThat(spec.get("paths").get("/auth/login").get("post").get("requestBody")).isNotNull();
    }

    @Test
    void docsPageIsHtmlWithStrictPolicy() throws Exception {
        HttpResponse<String> r = api.client().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        assertThat(r.body()).contains("/auth/login").contains("/health");
    }
}
