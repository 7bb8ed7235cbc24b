package dev.moddesk.app;

import dev.moddesk.app.audit.AuditModule;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.creators.CreatorsModule;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.integrations.IntegrationsModule;
import dev.moddesk.app.privacy.PrivacyModule;
import dev.moddesk.app.review.ReviewModule;
import dev.moddesk.app.rooms.RoomsModule;
import dev.moddesk.app.settings.SettingsModule;
import dev.moddesk.app.shell.ShellModule;
import dev.moddesk.app.staff.StaffModule;
import java.nio.file.Path;
import java.util.List;

/**
 * The composition root: the console's features, in the order the navigation shows them. Adding a feature is one
 * line here and its own {@link FeatureModule}; nothing in {@code core/} changes.
 */
public final class Wiring {
    private Wiring() {
    }

    public static List<FeatureModule> features() {
        return List.of(
                new ShellModule(),
                new ReviewModule(),
                new RoomsModule(),
                new CreatorsModule(),
                new AuditModule(),
                new StaffModule(),
                new IntegrationsModule(),
                new PrivacyModule(),
                new SettingsModule());
    }

    /** The shared services with every feature installed. */
    public static AppContext context(LaunchOptions options, Path configDir) {
        return new AppContext(options, configDir).install(features());
    }
}
