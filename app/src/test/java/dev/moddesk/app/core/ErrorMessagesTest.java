package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ServerInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one describer phrases every failure from its type, in the UI language, never from the English message. */
class ErrorMessagesTest {
    private static final String ENGLISH_LOG_TEXT = "english-only log text";
    private final ErrorMessages english = new ErrorMessages(new I18n(Locale.ENGLISH));
    private final ErrorMessages chinese = new ErrorMessages(new I18n(I18n.CHINESE));

    @Test
    void transportReasonsArePhrasedInTheUiLanguage() {
        for (ApiException.Kind kind : List.of(ApiException.Kind.UNREACHABLE, ApiException.Kind.TIMEOUT,
                ApiException.Kind.CANCELLED, ApiException.Kind.BAD_RESPONSE, ApiException.Kind.INVALID_URL)) {
            ApiException e = ApiException.of(kind, ENGLISH_LOG_TEXT, null);
            assertThat(english.describe(e)).as(kind.name()).doesNotContain(ENGLISH_LOG_TEXT).isNotBlank();
            assertThat(chinese.describe(new CompletionException(e))).as(kind.name())
                    .doesNotContain(ENGLISH_LOG_TEXT).isNotEqualTo(english.describe(e));
        }
        assertThat(english.describe(ApiException.of(ApiException.Kind.TIMEOUT, ENGLISH_LOG_TEXT, null)))
                .isEqualTo("The server did not answer in time. Try again.");
        assertThat(chinese.describe(ApiException.of(ApiException.Kind.UNREACHABLE, ENGLISH_LOG_TEXT, null)))
                .startsWith("无法连接服务器");
    }

    @Test
    void tlsShowsOnlyWhatTheTlsLayerSaidAsDetail() {
        ApiException e = ApiException.tls("PKIX path building failed", null);
        assertThat(chinese.describe(e)).isEqualTo("安全连接（TLS）失败：PKIX path building failed");
        assertThat(english.describe(e)).isEqualTo("Secure connection (TLS) failed: PKIX path building failed");
    }

    @Test
    void anIncompatibleServerIsPhrasedFromItsVersion() {
        assertThat(english.describe(ApiException.incompatible(ServerInfo.API_VERSION, 99, null)))
                .isEqualTo("Incompatible server version. The server speaks API 99; this console speaks "
                        + ServerInfo.API_VERSION + ".");
        assertThat(chinese.describe(ApiException.incompatible(ServerInfo.API_VERSION, null, null)))
                .startsWith("该服务器不提供 ModDesk API").doesNotContain("/api/v1/info");
    }

    @Test
    void aCancelledFutureIsCancelled() {
        assertThat(english.describe(new CompletionException(new CancellationException())))
                .isEqualTo("The request was cancelled.");
    }

    @Test
    void aProblemKeepsTheServersLocalizedDetailWhereTheSentenceHasRoomForIt() {
        Problem conflict = new Problem("https://moddesk.dev/problems/claimed-by-other", "Claimed", 409,
                "已由 mod2 认领", null, List.of(), Map.of("holder", "mod2"));
        assertThat(chinese.describe(ApiException.problem(conflict, null))).contains("已由 mod2 认领");
    }
}
