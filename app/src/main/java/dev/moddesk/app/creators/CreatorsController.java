package dev.moddesk.app.creators;

import dev.moddesk.app.core.ActiveView;
import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The Creators view: search beside the creator page, the quota request queue, the tier defaults editor. */
public final class CreatorsController implements ActiveView {
    private final CreatorSelection selection;

    @FXML
    private TabPane creatorsTabs;
    @FXML
    private Tab creatorsTab;
    @FXML
    private CreatorSearchController searchController;
    @FXML
    private CreatorPageController pageController;
    @FXML
    private QuotaRequestsController requestsController;
    @FXML
    private TiersController tiersController;

    public CreatorsController(CreatorSelection selection) {
        this.selection = selection;
    }

    @FXML
    private void initialize() {
        selection.onShowPage(() -> creatorsTabs.getSelectionModel().select(creatorsTab));
    }

    @Override
    public void activate() {
        searchController.activate();
        pageController.activate();
        requestsController.activate();
        tiersController.activate();
    }

    @Override
    public void deactivate() {
        searchController.deactivate();
        pageController.deactivate();
        requestsController.deactivate();
        tiersController.deactivate();
    }
}
