package busmanager.http;

import busmanager.auth.Principal;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

/** One HTTP request as a handler sees it. */
public final class Request {
    /** JSON bodies larger than this are refused with 413. */
    public static final int MAX_JSON_BYTES = 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParams;
    private final Query query;
    private Principal principal;
    private JsonBody body;

    public Request(HttpExchange exchange, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.query = Query.parse(exchange.getRequestURI().getRawQuery());
    }

    public HttpExchange exchange() {
        return exchange;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public Query query() {
        return query;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** A path id; anything that is not a UUID is answered 404 with the endpoint's not-found text. */
    public UUID pathId(String name, String notFoundDetail) {
        UUID id = Values.uuid(pathParams.get(name));
        if (id == null) {
            throw ApiException.notFound(notFoundDetail);
        }
        return id;
    }

    void authenticate(Principal who) {
        this.principal = who;
    }

    /** The caller; never null on routes that need a token. */
    public Principal user() {
        return principal;
    }

    /** The JSON object body ({@code {}} when empty); malformed JSON is a 422. */
    public JsonBody body() throws IOException {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
                if (bytes.length > MAX_JSON_BYTES) {
                    throw new ApiException(413, "Request body too large");
                }
                body = JsonBodyParser.parse(bytes);
            }
        }
        return body;
    }

    /** The raw body stream, for uploads. */
    public InputStream rawBody() {
        return exchange.getRequestBody();
    }

    public String clientAddress() {
        return exchange.getRemoteAddress() == null ? "?" : exchange.getRemoteAddress().getAddress().getHostAddress();
    }
}
