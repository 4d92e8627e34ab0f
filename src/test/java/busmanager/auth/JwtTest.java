package busmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import busmanager.testing.MutableClock;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Our HS256 code checked against an established JWT library (test scope only). */
class JwtTest {
    private static final String SECRET = "your-super-secret-jwt-token-with-at-least-32-characters";
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private final Jwt jwt = new Jwt(SECRET, clock);
    private final UUID user = UUID.randomUUID();
    private final UUID profile = UUID.randomUUID();

    @Test
    void issuedTokensVerifyWithReferenceLibraryAndCarryTheOldClaims() {
        String token = jwt.issue(user, "driver", profile);
        DecodedJWT decoded = JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token);
        assertThat(decoded.getAlgorithm()).isEqualTo("HS256");
        assertThat(decoded.getType()).isEqualTo("JWT");
        assertThat(decoded.getSubject()).isEqualTo(user.toString());
        assertThat(decoded.getClaim("role").asString()).isEqualTo("driver");
        assertThat(decoded.getClaim("profile_id").asString()).isEqualTo(profile.toString());
        assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(decoded.getClaims().keySet()).containsExactlyInAnyOrder("sub", "role", "profile_id", "exp");
    }

    @Test
    void acceptsTokensMadeByReferenceLibrary() throws Exception {
        String token = JWT.create().withSubject(user.toString()).withClaim("role", "admin")
                .withClaim("profile_id", profile.toString())
                .withExpiresAt(Date.from(clock.instant().plusSeconds(60))).sign(Algorithm.HMAC256(SECRET));
        Jwt.Claims claims = jwt.verify(token);
        assertThat(claims.userId()).isEqualTo(user);
        assertThat(claims.role()).isEqualTo("admin");
        assertThat(claims.profileId()).isEqualTo(profile);
    }

    @Test
    void expiryIsEnforcedWithoutLeeway() throws Exception {
        String token = jwt.issue(user, "admin", profile);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(jwt.verify(token).role()).isEqualTo("admin");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> jwt.verify(token)).isInstanceOf(Jwt.InvalidToken.class).hasMessage("expired");
    }

    @Test
    void refusesOtherAlgorithmsAndBadSignatures() {
        String none = JWT.create().withSubject(user.toString()).withClaim("role", "admin")
                .withClaim("profile_id", profile.toString())
                .withExpiresAt(Date.from(clock.instant().plusSeconds(60))).sign(Algorithm.none());
        assertThatThrownBy(() -> jwt.verify(none)).isInstanceOf(Jwt.InvalidToken.class);
        String hs384 = JWT.create().withSubject(user.toString()).withClaim("role", "admin")
                .withClaim("profile_id", profile.toString())
                .withExpiresAt(Date.from(clock.instant().plusSeconds(60))).sign(Algorithm.HMAC384(SECRET));
        assertThatThrownBy(() -> jwt.verify(hs384)).hasMessage("algorithm not allowed");
        String other = new Jwt("x".repeat(40), clock).issue(user, "admin", profile);
        assertThatThrownBy(() -> jwt.verify(other)).hasMessage("bad signature");
        String token = jwt.issue(user, "driver", profile);
        String[] parts = token.split("\\.");
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("driver", "admin").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> jwt.verify(parts[0] + "." + tamperedPayload + "." + parts[2]))
                .hasMessage("bad signature");
        assertThatThrownBy(() -> jwt.verify("garbage")).isInstanceOf(Jwt.InvalidToken.class);
        assertThatThrownBy(() -> jwt.verify("a.b.c")).isInstanceOf(Jwt.InvalidToken.class);
    }

    @Test
    void missingClaimsAreRefused() {
        String noExp = JWT.create().withSubject(user.toString()).withClaim("role", "admin")
                .withClaim("profile_id", profile.toString()).sign(Algorithm.HMAC256(SECRET));
        assertThatThrownBy(() -> jwt.verify(noExp)).hasMessage("no exp");
        String noRole = JWT.create().withSubject(user.toString()).withClaim("profile_id", profile.toString())
                .withExpiresAt(Date.from(clock.instant().plusSeconds(60))).sign(Algorithm.HMAC256(SECRET));
        assertThatThrownBy(() -> jwt.verify(noRole)).hasMessage("no role");
        String noSub = JWT.create().withClaim("role", "admin").withClaim("profile_id", profile.toString())
                .withExpiresAt(Date.from(clock.instant().plusSeconds(60))).sign(Algorithm.HMAC256(SECRET));
        assertThatThrownBy(() -> jwt.verify(noSub)).hasMessage("no sub");
    }
}
