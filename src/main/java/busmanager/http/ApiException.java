package busmanager.http;

/** An error that becomes an HTTP response {@code {"detail": ...}}; the message is shown to the user. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String detailJson;

    public ApiException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.detailJson = Json.of("detail", detail);
    }

    private ApiException(int status, String message, String detailJson) {
        super(message, null, false, false);
        this.status = status;
        this.detailJson = detailJson;
    }

    public int status() {
        return status;
    }

    /** The whole response body. */
    public String bodyJson() {
        return detailJson;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    /** 422 in the list form of the old API: {@code [{"type","loc":[where, field],"msg"}]}. */
    public static ApiException invalid(String where, String field, String msg) {
        String body = Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("detail");
            g.writeStartObject();
            g.writeStringField("type", "value_error");
            g.writeArrayFieldStart("loc");
            g.writeString(where);
            g.writeString(field);
            g.writeEndArray();
            g.writeStringField("msg", msg);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
        return new ApiException(422, field + ": " + msg, body);
    }

    /** 422 for a request body field. */
    public static ApiException invalidField(String field, String msg) {
        return invalid("body", field, msg);
    }
}
