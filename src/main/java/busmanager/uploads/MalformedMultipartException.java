package busmanager.uploads;

import java.io.IOException;

/** The request body is not the multipart/form-data it claims to be; the message says why. */
public final class MalformedMultipartException extends IOException {
    public MalformedMultipartException(String message) {
        super(message);
    }
}
