package busmanager.auth;

import busmanager.http.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 tokens with the old API's claims: {@code sub} (auth user id), {@code role}, {@code profile_id},
 * {@code exp}. Only HS256 is accepted, the signature is compared in constant time, and {@code exp} is
 * enforced without leeway.
 */
public final class Jwt {
    public static final Duration LIFETIME = Duration.ofHours(24);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final Clock clock;

    public record Claims(UUID userId, String role, UUID profileId, long expiresAt) {
    }

    /** Thrown for any token that must not be trusted. */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String why) {
            super(why, null, false, false);
        }
    }

    public Jwt(String secret, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    public String issue(UUID userId, String role, UUID profileId) {
        long exp = clock.instant().plus(LIFETIME).getEpochSecond();
        String payload = Json.of("sub", userId.toString(), "role", role, "profile_id", profileId.toString(),
                "exp", exp);
        String signingInput = HEADER + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    public Claims verify(String token) throws InvalidToken {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidToken("not a JWT");
        }
        Map<String, Object> header = decodeObject(parts[0]);
        if (!"HS256".equals(header.get("alg"))) {
            throw new InvalidToken("algorithm not allowed");
        }
        byte[] signature;
        try {
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("bad signature encoding");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw new InvalidToken("bad signature");
        }
        Map<String, Object> claims = decodeObject(parts[1]);
        if (!(claims.get("exp") instanceof Number exp)) {
            throw new InvalidToken("no exp");
        }
        if (clock.instant().getEpochSecond() >= exp.longValue()) {
            throw new InvalidToken("expired");
        }
        return new Claims(uuidClaim(claims, "sub"), stringClaim(claims, "role"), uuidClaim(claims, "profile_id"),
                exp.longValue());
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stringClaim(Map<String, Object> claims, String name) throws InvalidToken {
        if (!(claims.get(name) instanceof String s) || s.isEmpty()) {
            throw new InvalidToken("no " + name);
        }
        return s;
    }

    private static UUID uuidClaim(Map<String, Object> claims, String name) throws InvalidToken {
        try {
            return UUID.fromString(stringClaim(claims, name));
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("bad " + name);
        }
    }

    /** A flat JSON object of strings and numbers; nested values are skipped. */
    private static Map<String, Object> decodeObject(String part) throws InvalidToken {
        byte[] json;
        try {
            json = B64D.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("bad encoding");
        }
        Map<String, Object> out = new HashMap<>();
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidToken("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (t) {
                    case VALUE_STRING -> out.put(name, p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.put(name, p.getNumberValue());
                    case START_OBJECT, START_ARRAY -> p.skipChildren();
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidToken("bad JSON");
        }
        return out;
    }
}
