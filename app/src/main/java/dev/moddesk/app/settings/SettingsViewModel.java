package dev.moddesk.app.settings;

import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.core.Theme;
import dev.moddesk.app.core.ThemeService;
import java.util.Locale;
import java.util.Objects;

/** Language and theme: applied at once (no restart) and remembered in the settings file. */
public final class SettingsViewModel {
    private final SettingsStore store;
    private final I18n i18n;
    private final ThemeService themes;
    private final EventBus bus;

    public SettingsViewModel(SettingsStore store, I18n i18n, ThemeService themes, EventBus bus) {
        this.store = Objects.requireNonNull(store);
        this.i18n = Objects.requireNonNull(i18n);
        this.themes = Objects.requireNonNull(themes);
        this.bus = Objects.requireNonNull(bus);
    }

    public Locale language() {
        return i18n.getLocale();
    }

    public Theme theme() {
        return themes.getTheme();
    }

    public void changeLanguage(Locale locale) {
        if (locale == null || locale.equals(i18n.getLocale())) {
            return;
        }
        store.update(s -> s.withLanguage(I18n.tag(locale)));
        i18n.setLocale(locale);
        bus.publish(new Events.LanguageChangedEvent(i18n.getLocale()));
    }

    public void changeTheme(Theme theme) {
        if (theme == null || theme == themes.getTheme()) {
            return;
        }
        store.update(s -> s.withTheme(theme));
        themes.setTheme(theme);
        bus.publish(new Events.ThemeChangedEvent(theme));
    }

    public String settingsFile() {
        return store.file().toString();
    }
}
