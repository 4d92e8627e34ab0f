package busmanager.web;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without WEB_DIR the server is the API alone: browsers get JSON too. */
class WebAppDisabledTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void browserNavigationGetsJson() throws Exception {
        for (String path : new String[] {"/admin/trips", "/index.html"}) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .header("Accept", "text/html").build();
            HttpResponse<String> r = api.client().send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("{\"detail\":\"Not Found\"}");
        }
        HttpRequest root = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/")).header("Accept", "text/html").build();
        assertThat(api.client().send(root, HttpResponse.BodyHandlers.ofString()).body()).contains("BusManager API");
    }
}
