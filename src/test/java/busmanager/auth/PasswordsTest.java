package busmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void hashesAre2bCost12AndVerify() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("$2b$12$").hasSize(60);
        assertThat(Passwords.verify("correct horse", hash)).isTrue();
        assertThat(Passwords.verify("correct horsf", hash)).isFalse();
    }

    @Test
    void knownVectorsOfOtherImplementations() {
        // OpenBSD/jBCrypt reference vectors
        assertThat(Passwords.verify("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isTrue();
        assertThat(Passwords.verify("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.")).isTrue();
        assertThat(Passwords.verify("abc", "$2b$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isTrue();
        assertThat(Passwords.verify("abd", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isFalse();
    }

    @Test
    void garbageHashesNeverVerify() {
        assertThat(Passwords.verify("x", "plaintext")).isFalse();
        assertThat(Passwords.verify("x", null)).isFalse();
        assertThat(Passwords.verify("x", "$2a$06$short")).isFalse();
    }
}
