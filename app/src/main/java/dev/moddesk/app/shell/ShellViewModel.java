package dev.moddesk.app.shell;

import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.core.ConnectionMonitor;
import dev.moddesk.app.core.ConnectionState;
import dev.moddesk.app.core.Navigation;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.SessionService;
import dev.moddesk.app.core.ViewRegistry;
import dev.moddesk.app.core.ViewSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;

/** What the shell shows: the navigation for the signed-in role, who is signed in where, and the connection. */
public final class ShellViewModel {
    public static final String DEFAULT_VIEW = "review";

    private final SessionService sessions;
    private final ConnectionMonitor monitor;
    private final ViewRegistry views;
    private final Navigation navigation;

    public ShellViewModel(SessionService sessions, ConnectionMonitor monitor, ViewRegistry views, Navigation navigation) {
        this.sessions = sessions;
        this.monitor = monitor;
        this.views = views;
        this.navigation = navigation;
    }

    public Session session() {
        return sessions.current();
    }

    public List<ViewSpec> navigationItems() {
        Session s = sessions.current();
        return s == null ? List.of() : views.navigationFor(s.me().role());
    }

    /** The view to show first: the last one if the role may still see it, else the review queue (everyone's first job). */
    public String initialView() {
        List<ViewSpec> items = navigationItems();
        String last = navigation.current();
        if (last != null && items.stream().anyMatch(v -> v.id().equals(last))) {
            return last;
        }
        return items.stream().map(ViewSpec::id).filter(DEFAULT_VIEW::equals).findFirst()
                .orElse(items.isEmpty() ? null : items.getFirst().id());
    }

    public Navigation navigation() {
        return navigation;
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return monitor.stateProperty();
    }

    public ReadOnlyLongProperty latencyProperty() {
        return monitor.latencyProperty();
    }

    /** Changes the signed-in member's own password. */
    public PasswordChangeViewModel.Changer passwordChanger() {
        Session s = sessions.current();
        if (s == null) {
            throw new IllegalStateException("Not signed in");
        }
        return new SessionApi(s.api())::changePassword;
    }

    public CompletableFuture<Void> signOut() {
        return sessions.signOut(null);
    }
}
