package dev.moddesk.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.core.Theme;
import dev.moddesk.app.core.ThemeService;
import dev.moddesk.app.testing.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {
    @TempDir
    Path config;

    @Test
    void languageChangesAtOnceAndIsRemembered() {
        try (TestContext ctx = new TestContext(config)) {
            List<Record> events = new ArrayList<>();
            ctx.bus.subscribe(Events.LanguageChangedEvent.class, events::add);
            SettingsViewModel vm = new SettingsViewModel(ctx.settings, ctx.i18n, new ThemeService(Theme.LIGHT), ctx.bus);
            assertThat(ctx.i18n.get("nav.audit")).isEqualTo("Audit");
            vm.changeLanguage(I18n.CHINESE);
            assertThat(ctx.i18n.get("nav.audit")).isEqualTo("审计日志");
            assertThat(events).containsExactly(new Events.LanguageChangedEvent(I18n.CHINESE));
            assertThat(new SettingsStore(config).get().language()).isEqualTo("zh-CN");
            vm.changeLanguage(I18n.CHINESE);
            assertThat(events).hasSize(1);
        }
    }

    @Test
    void themeIsRemembered() {
        try (TestContext ctx = new TestContext(config)) {
            ThemeService themes = new ThemeService(Theme.LIGHT);
            SettingsViewModel vm = new SettingsViewModel(ctx.settings, ctx.i18n, themes, ctx.bus);
            vm.changeTheme(Theme.DARK);
            assertThat(themes.getTheme()).isEqualTo(Theme.DARK);
            assertThat(new SettingsStore(config).get().theme()).isEqualTo(Theme.DARK);
        }
    }

    @Test
    void aBrokenSettingsFileFallsBackToDefaults() throws Exception {
        Files.writeString(config.resolve("settings.json"), "{not json");
        assertThat(new SettingsStore(config).get()).isEqualTo(dev.moddesk.app.core.Settings.defaults());
    }

    @Test
    void themeStylesheetsPutTheDarkOverlayBetweenTokensAndApp() {
        assertThat(ThemeService.stylesheetsFor(Theme.DARK)).hasSize(3).satisfies(list -> {
            assertThat(list.get(0)).endsWith("/styles/tokens.css");
            assertThat(list.get(1)).endsWith("/styles/tokens-dark.css");
            assertThat(list.get(2)).endsWith("/styles/app.css");
        });
        assertThat(ThemeService.stylesheetsFor(Theme.LIGHT)).noneMatch(s -> s.endsWith("tokens-dark.css"));
    }
}
