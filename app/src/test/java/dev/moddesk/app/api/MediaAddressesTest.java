package dev.moddesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Media URLs come from a platform: the console fetches only from its server or an allowed https host. */
class MediaAddressesTest {
    private static final HttpUrl SERVER = HttpUrl.get("https://moddesk.example.org:8443/");
    private static final List<String> HOSTS = List.of("media.example.com");

    private static boolean allowed(String url) {
        return MediaAddresses.allowed(SERVER, HOSTS, url).isPresent();
    }

    @Test
    void theServersOwnLinksAndListedHttpsHostsAreFetched() {
        assertThat(MediaAddresses.allowed(SERVER, HOSTS, "/api/v1/media/a.mp4?exp=1&sig=x").orElseThrow())
                .hasToString("https://moddesk.example.org:8443/api/v1/media/a.mp4?exp=1&sig=x");
        assertThat(allowed("https://moddesk.example.org:8443/api/v1/media/a.mp4")).isTrue();
        assertThat(allowed("https://media.example.com/clips/8812.mp4?token=abc")).isTrue();
        assertThat(allowed("https://MEDIA.example.com:443/clips/8812.mp4")).isTrue();
    }

    @Test
    void attackerUrlsAreNeverFetched() {
        List<String> attacks = List.of(
                "http://media.example.com/clip.mp4",
                "https://evil.example/clip.mp4",
                "https://media.example.com.evil.example/clip.mp4",
                "https://evil.media.example.com/clip.mp4",
                "https://media.example.com@evil.example/clip.mp4",
                "https://user:pw@media.example.com/clip.mp4",
                "https://media.example.com:8443/clip.mp4",
                "https://media.example.com\\@evil.example/clip.mp4",
                "https:\\\\evil.example/clip.mp4",
                "//evil.example/clip.mp4",
                "https://169.254.169.254/latest/meta-data",
                "http://127.0.0.1:7470/api/v1/media/a.mp4",
                "https://moddesk.example.org/api/v1/media/a.mp4",
                "http://moddesk.example.org:8443/api/v1/media/a.mp4",
                "https://admin@moddesk.example.org:8443/api/v1/media/a.mp4",
                "file:///etc/passwd",
                "jar:file:/x.jar!/a.mp4",
                "javascript:alert(1)",
                " https://media.example.com/clip.mp4",
                "https://media.example.com/clip.mp4\r\nX-Injected: 1",
                "https://media.example.com/" + "a".repeat(5000),
                "");
        for (String url : attacks) {
            assertThat(allowed(url)).as(url).isFalse();
        }
        assertThat(MediaAddresses.allowed(SERVER, List.of(), "https://media.example.com/clip.mp4")).isEmpty();
        assertThat(MediaAddresses.allowed(SERVER, HOSTS, null)).isEmpty();
    }

    @Test
    void theRefusalReadsAsVideoUnavailableInBothLanguages() {
        ApiException refused = ApiException.of(ApiException.Kind.MEDIA_HOST_REFUSED, "x", null);
        assertThat(new ErrorMessages(new I18n(Locale.ENGLISH)).describe(refused))
                .isEqualTo("Video unavailable: host not allowed.");
        assertThat(new ErrorMessages(new I18n(I18n.CHINESE)).describe(refused)).isEqualTo("视频不可用：该主机不在允许列表中。");
    }
}
