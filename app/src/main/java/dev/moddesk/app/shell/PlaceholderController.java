package dev.moddesk.app.shell;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** Stands in for a feature that is not built yet, and says so. */
public final class PlaceholderController {
    @FXML
    private Label titleLabel;

    public void setTitle(String title) {
        titleLabel.setText(title);
    }
}
