package dev.moddesk.app.integrations;

import dev.moddesk.app.core.ActiveView;
import javafx.fxml.FXML;

/** The Integrations view: three tabs, each its own view and controller; this one only passes on show and hide. */
public final class IntegrationsController implements ActiveView {

    @FXML
    private ServiceKeysController keysController;
    @FXML
    private WebhooksController webhooksController;
    @FXML
    private IngestStatusController statusController;

    @Override
    public void activate() {
        keysController.activate();
        webhooksController.activate();
        statusController.activate();
    }

    @Override
    public void deactivate() {
        keysController.deactivate();
        webhooksController.deactivate();
        statusController.deactivate();
    }
}
