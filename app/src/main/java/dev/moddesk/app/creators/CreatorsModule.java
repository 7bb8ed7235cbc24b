package dev.moddesk.app.creators;

import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.kordamp.ikonli.feather.Feather;

/**
 * Creators (issue 12): search, the creator page (quotas, display order, features with their sources and rules,
 * history, edits with the server's preview and the conflict view), the quota request queue, a bulk change to
 * creators picked in the search, and the tier defaults editor (both with a paged per-creator outcome list), on
 * {@link CreatorsApi}. OPS and ADMIN see it; only ADMIN edits (the server enforces both).
 */
public final class CreatorsModule implements FeatureModule {
    /** How long typing must pause before a search or a preview is asked for. */
    static final Duration QUIET = Duration.ofMillis(150);

    private CreatorSelection selection = new CreatorSelection();
    private BulkPicks picks = new BulkPicks();

    @Override
    public List<ViewSpec> views() {
        return List.of(ViewSpec.nav("creators", "/fxml/creators/creators.fxml", "nav.creators", Feather.STAR,
                Role.OPS, "/styles/creators.css"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        controllers.register(CreatorsController.class, () -> {
            // One selection per loaded view: the root controller is made before those of its includes.
            selection = new CreatorSelection();
            picks = new BulkPicks();
            return new CreatorsController(selection, picks, app.i18n());
        });
        controllers.register(CreatorSearchController.class, () -> new CreatorSearchController(new CreatorSearchModel(
                api(app), app.errors(), app.i18n(), app.fx(), debouncer(app)), selection, text(app), picks,
                editable(app)));
        controllers.register(CreatorPageController.class, () -> new CreatorPageController(new CreatorPageModel(
                api(app), text(app), app.errors(), app.bus(), app.fx(), debouncer(app), ZoneId.systemDefault(),
                editable(app)), selection));
        controllers.register(QuotaRequestsController.class, () -> new QuotaRequestsController(new QuotaRequestsModel(
                api(app), text(app), app.errors(), app.bus(), app.fx(), editable(app)), selection));
        controllers.register(TiersController.class, () -> new TiersController(new TierEditorModel(
                api(app), text(app), app.errors(), app.bus(), app.fx(), editable(app))));
        controllers.register(BulkController.class, () -> new BulkController(new BulkChangeModel(
                api(app), text(app), app.errors(), app.bus(), app.fx(), editable(app), picks)));
        controllers.register(OutcomesController.class, () -> new OutcomesController(text(app)));
    }

    private static CreatorsApi api(AppContext app) {
        return new CreatorsApi(app.requireSession().api());
    }

    private static CreatorText text(AppContext app) {
        return new CreatorText(app.i18n(), ZoneId.systemDefault());
    }

    private static Debouncer debouncer(AppContext app) {
        return Debouncer.scheduled(app.scheduler(), app.fx(), QUIET);
    }

    private static boolean editable(AppContext app) {
        return app.requireSession().may(Role.ADMIN);
    }
}
