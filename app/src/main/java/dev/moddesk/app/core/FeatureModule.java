package dev.moddesk.app.core;

import java.util.List;

/**
 * One feature as the composition root sees it: the views it adds to the {@link ViewRegistry} (its navigation entry is
 * the {@link ViewSpec#nav} among them), the controllers for their FXML (each built with its view model and the
 * feature's API client on the signed-in session) and what it does when a session starts or ends. The top-level
 * {@code Wiring} lists the modules; core never names a feature, so a new feature is a new module and one line there.
 */
public interface FeatureModule {

    /** The feature's views, in the order its navigation entries appear. */
    List<ViewSpec> views();

    /**
     * Registers a controller for each FXML view of the feature. Suppliers run when a view loads, so they may ask
     * {@code app} for the signed-in session.
     */
    void registerControllers(ControllerFactory controllers, AppContext app);

    /** A session began (on the FX thread, after {@link Events.SignedInEvent}): start what must run while signed in. */
    default void sessionStarted(Session session) {
    }

    /** The session ended (on the FX thread): stop what {@link #sessionStarted} started. */
    default void sessionEnded() {
    }

    /** The console is closing. */
    default void close() {
    }
}
