package dev.moddesk.app.core;

import javafx.scene.Parent;

/**
 * A view whose controller builds its nodes in code instead of FXML: the sign-in form, which is on the path to the
 * first paint, where the FXML loader and an icon font cost more than the rest of the form. The registry asks the
 * {@link ControllerFactory} for the controller, as for an FXML view, and shows its {@link #root()}.
 */
public interface BuiltView {
    Parent root();
}
