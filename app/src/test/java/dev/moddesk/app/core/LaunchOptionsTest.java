package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
    @Test
    void readsEveryOption() {
        LaunchOptions o = LaunchOptions.parse(List.of("--sandbox", "--server", "http://h:1", "--user", "ops",
                "--lang", "zh-CN", "--theme", "dark", "--server-jar", "/x/s.jar", "--ca-file", "/etc/ca.pem"));
        assertThat(o.sandbox()).isTrue();
        assertThat(o.server()).isEqualTo("http://h:1");
        assertThat(o.user()).isEqualTo("ops");
        assertThat(o.language()).isEqualTo(I18n.CHINESE);
        assertThat(o.theme()).isEqualTo(Theme.DARK);
        assertThat(o.resolvedServerJar()).contains(Path.of("/x/s.jar"));
        assertThat(o.caFile()).isEqualTo(Path.of("/etc/ca.pem"));
    }

    @Test
    void englishAndDefaults() {
        LaunchOptions o = LaunchOptions.parse(List.of("--lang", "en"));
        assertThat(o.language()).isEqualTo(I18n.ENGLISH);
        assertThat(o.sandbox()).isFalse();
        assertThat(o.theme()).isNull();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--lang", "fr"))).hasMessageContaining("zh-CN or en");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--server"))).hasMessageContaining("--server needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bogus"))).hasMessageContaining("Unknown option --bogus");
    }
}
