package dev.moddesk.contract.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test-secret";
    private static final String BODY = "{\"id\":42,\"type\":\"application.approved\",\"payload\":{\"userId\":\"u-1\"}}";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void aSignedBodyVerifies() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);

        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE)).isTrue();
    }

    @Test
    void knownVectorMatchesAnyHmacSha256Implementation() {
        // Computed independently: printf '%s' '1700000000.{}' | openssl dgst -sha256 -hmac 'key'
        assertThat(WebhookSignature.sign("key", 1700000000L, "{}"))
                .isEqualTo("9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
    }

    @Test
    void aTamperedBodyIsRejected() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("u-1", "u-2"), NOW, TOLERANCE)).isFalse();
    }

    @Test
    void theWrongSecretIsRejected() {
        String header = WebhookSignature.header(SECRET, NOW.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify("whsec_other", header, BODY, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void aStaleOrFutureTimestampIsRejected() {
        String old = WebhookSignature.header(SECRET, NOW.minus(Duration.ofMinutes(6)).getEpochSecond(), BODY);
        String future = WebhookSignature.header(SECRET, NOW.plus(Duration.ofMinutes(6)).getEpochSecond(), BODY);
        String slightlyOld = WebhookSignature.header(SECRET, NOW.minus(Duration.ofMinutes(4)).getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify(SECRET, old, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, future, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, slightlyOld, BODY, NOW, TOLERANCE)).isTrue();
    }

    @Test
    void aReplayedSignatureWithAFreshTimestampIsRejected() {
        String signature = WebhookSignature.sign(SECRET, NOW.minus(Duration.ofHours(1)).getEpochSecond(), BODY);
        String forged = "t=" + NOW.getEpochSecond() + ",v1=" + signature;

        assertThat(WebhookSignature.verify(SECRET, forged, BODY, NOW, TOLERANCE)).isFalse();
    }

    @Test
    void anyOfSeveralSignaturesMayMatchWhileSecretsRotate() {
        long t = NOW.getEpochSecond();
        String header = "t=" + t + ",v1=" + WebhookSignature.sign("whsec_old", t, BODY) + ",v1="
                + WebhookSignature.sign(SECRET, t, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE)).isTrue();
    }

    @Test
    void malformedHeadersAreRejectedWithoutThrowing() {
        for (String header : new String[] {null, "", "garbage", "t=abc,v1=00", "v1=00", "t=" + NOW.getEpochSecond(),
                "t=" + NOW.getEpochSecond() + ",v1=", ",,,="}) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE)).as(String.valueOf(header)).isFalse();
        }
    }
}
