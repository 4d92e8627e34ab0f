package busmanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import busmanager.testing.ApiServer;
import busmanager.testing.ApiServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conventions of api.md §0 that every route shares, exercised on the auth and system routes. */
class ConventionsTest {
    @RegisterExtension
    static final ApiServer api = new ApiServer();

    @Test
    void rootAndHealth() {
        Res root = api.get("/", null);
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().get("message").asText()).isEqualTo("BusManager API");
        assertThat(root.json().get("version").asText()).isEqualTo("1.0.0");
        Res health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void preflightNeedsNoTokenAndAllowsAuthorizationHeader() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/buses"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization,content-type").build();
        HttpResponse<String> r = api.client().send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isBetween(200, 299);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .contains("GET", "POST", "PUT", "DELETE", "OPTIONS");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization", "content-type");
    }

    @Test
    void errorsCarryCorsAndJsonDetail() {
        Res notFound = api.get("/no/such/path", null);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.detail()).isEqualTo("Not Found");
        assertThat(notFound.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(notFound.header("Content-Type")).startsWith("application/json");
        Res wrongMethod = api.send("PATCH", "/auth/login", null, "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.detail()).isEqualTo("Method Not Allowed");
    }

    @Test
    void unknownKeysAreIgnored() {
        String email = api.createUser("driver", "Ignored", "pass1234", null);
        Res r = api.post("/auth/login", null, Map.of("email", email, "password", "pass1234", "remember_me", true,
                "extra", Map.of("nested", 1)));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void malformedAndOversizeBodies() {
        Res bad = api.post("/auth/login", null, "{\"email\": ");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").isArray()).isTrue();
        assertThat(bad.body()).doesNotContain("Exception").doesNotContain("at busmanager");
        String huge = "{\"email\":\"" + "a".repeat(Request.MAX_JSON_BYTES) + "\"}";
        assertThat(api.post("/auth/login", null, huge).status()).isEqualTo(413);
        Res wrongType = api.post("/auth/login", null, Map.of("email", 5, "password", "x"));
        assertThat(wrongType.status()).isEqualTo(422);
    }

    @Test
    void trailingSlashIsServed() {
        assertThat(api.get("/health/", null).status()).isEqualTo(200);
    }

    @Test
    void jsonContentTypeOnGetIsAccepted() {
        Res r = api.send("GET", "/", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
