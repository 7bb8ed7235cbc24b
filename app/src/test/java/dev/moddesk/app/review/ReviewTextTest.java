package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.review.RiskSignal;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewTextTest {
    private static ReviewText in(Locale locale) {
        return new ReviewText(new I18n(locale), ZoneOffset.UTC);
    }

    @Test
    void riskFactsArePhrasedInTheUiLanguage() {
        RiskSignal ring = new RiskSignal("DUPLICATE_TEXT", 30, "same answer from 22 applicants",
                Map.of("applicants", "22"));
        RiskSignal rejected = new RiskSignal("RECENT_REJECTION", 25, "rejected AD, cooldown until 2026-12-01T00:00:00Z",
                Map.of("reasonCode", "AD", "until", "2026-12-01T00:00:00Z"));

        assertThat(in(Locale.SIMPLIFIED_CHINESE).riskDetail(ring)).isEqualTo("22 位申请人回答相同");
        assertThat(in(Locale.SIMPLIFIED_CHINESE).riskDetail(rejected)).isEqualTo("曾被拒（AD），冷却至 2026-12-01");
        assertThat(in(Locale.ENGLISH).riskDetail(ring)).isEqualTo("same answer from 22 applicants");
        assertThat(in(Locale.ENGLISH).riskDetail(new RiskSignal("NEW_ACCOUNT", 15, "x", Map.of("days", "3"))))
                .isEqualTo("account 3 days old");
    }

    @Test
    void withoutParamsOrWithBadOnesTheServersDetailIsShown() {
        assertThat(in(Locale.SIMPLIFIED_CHINESE).riskDetail(new RiskSignal("NEW_ACCOUNT", 15, "account 3 days old")))
                .isEqualTo("account 3 days old");
        assertThat(in(Locale.SIMPLIFIED_CHINESE).riskDetail(
                new RiskSignal("NEW_ACCOUNT", 15, "account 3 days old", Map.of("days", "three"))))
                .isEqualTo("account 3 days old");
    }

    @Test
    void theQueueShowsLongWaitsCompactly() {
        assertThat(in(Locale.SIMPLIFIED_CHINESE).ageCompact(java.time.Duration.ofMinutes(98))).isEqualTo("1时38分");
        assertThat(in(Locale.ENGLISH).ageCompact(java.time.Duration.ofMinutes(98))).isEqualTo("1h 38m");
        assertThat(in(Locale.ENGLISH).ageCompact(java.time.Duration.ofMinutes(7))).isEqualTo("7 min");
    }
}
