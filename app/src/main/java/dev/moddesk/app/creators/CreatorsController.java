package dev.moddesk.app.creators;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The Creators view: search beside the creator page, the quota request queue, a bulk change to hand-picked creators,
 * the tier defaults editor.
 */
public final class CreatorsController implements ActiveView {
    private final CreatorSelection selection;
    private final BulkPicks picks;
    private final I18n i18n;

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
    @FXML
    private Tab bulkTab;
    @FXML
    private BulkController bulkController;

    public CreatorsController(CreatorSelection selection, BulkPicks picks, I18n i18n) {
        this.selection = selection;
        this.picks = picks;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        selection.onShowPage(() -> creatorsTabs.getSelectionModel().select(creatorsTab));
        bulkTab.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.get("creators.tab.bulk", picks.picked().size()), picks.picked()));
    }

    @Override
    public void activate() {
        searchController.activate();
        pageController.activate();
        requestsController.activate();
        tiersController.activate();
        bulkController.activate();
    }

    @Override
    public void deactivate() {
        searchController.deactivate();
        pageController.deactivate();
        requestsController.deactivate();
        tiersController.deactivate();
        bulkController.deactivate();
    }
}
