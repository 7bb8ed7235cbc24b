package dev.moddesk.app.rooms;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.TabParking;
import dev.moddesk.app.core.ViewRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The live-rooms view: the wall in the first tab, then the report and appeal queues, the held-for-review queue and the word list (each loads only
 * while shown), one tab per open monitor (several at once, each following its
 * room), and a status line with the stream's state, its lag and what waits in its queue. Tabs follow the hub's open
 * monitors, so a reloaded view (new language) shows the same monitors.
 */
public final class RoomsController implements ActiveView {
    private final RoomsHub hub;
    private final ViewRegistry views;
    private final I18n i18n;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<RoomMonitorModel, Tab> tabs = new HashMap<>();
    private final Map<Tab, RoomMonitorController> controllers = new HashMap<>();
    private final Map<Tab, Subscription> lagSubscriptions = new HashMap<>();

    @FXML
    private TabPane roomTabs;
    @FXML
    private Tab wallTab;
    @FXML
    private RoomWallController wallController;
    @FXML
    private Tab reportsTab;
    @FXML
    private ReportQueueController reportsController;
    @FXML
    private Tab appealsTab;
    @FXML
    private AppealQueueController appealsController;
    @FXML
    private Tab heldTab;
    @FXML
    private HeldQueueController heldController;
    @FXML
    private Tab wordsTab;
    @FXML
    private WordListController wordsController;
    @FXML
    private Label streamStatusLabel;
    @FXML
    private Label streamLagLabel;
    @FXML
    private Label queuedLabel;

    public RoomsController(RoomsHub hub, ViewRegistry views, I18n i18n) {
        this.hub = hub;
        this.views = views;
        this.i18n = i18n;
    }

    @Override
    public void activate() {
        subscriptions.add(new TabParking(roomTabs).start());
        wallController.activate();
        hub.monitors().forEach(this::addTab);
        ListChangeListener<RoomMonitorModel> onChange = change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::removeTab);
                change.getAddedSubList().forEach(this::addTab);
            }
        };
        hub.monitors().addListener(onChange);
        subscriptions.add(() -> hub.monitors().removeListener(onChange));
        subscriptions.add(hub.focusedRoomProperty().subscribe(room -> {
            tabs.forEach((m, tab) -> {
                if (m.room().equals(room)) {
                    roomTabs.getSelectionModel().select(tab);
                }
            });
        }));
        subscriptions.add(reportsTab.selectedProperty().subscribe(reportsController::setShown));
        subscriptions.add(appealsTab.selectedProperty().subscribe(appealsController::setShown));
        subscriptions.add(heldTab.selectedProperty().subscribe(heldController::setShown));
        subscriptions.add(wordsTab.selectedProperty().subscribe(wordsController::setShown));
        subscriptions.add(hub.statusProperty().subscribe(this::showStatus));
        subscriptions.add(roomTabs.getSelectionModel().selectedItemProperty().subscribe(tab -> showLag()));
        subscriptions.add(hub.wallLagMillisProperty().subscribe(ms -> showLag()));
        subscriptions.add(hub.queuedProperty().subscribe(n -> queuedLabel.setText(
                i18n.get("rooms.status.queued", n.intValue()))));
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        wallController.deactivate();
        reportsController.deactivate();
        appealsController.deactivate();
        heldController.deactivate();
        controllers.values().forEach(RoomMonitorController::deactivate);
        controllers.clear();
        lagSubscriptions.values().forEach(Subscription::unsubscribe);
        lagSubscriptions.clear();
        tabs.clear();
        roomTabs.getTabs().retainAll(wallTab, reportsTab, appealsTab, heldTab, wordsTab);
    }

    private void addTab(RoomMonitorModel monitor) {
        if (tabs.containsKey(monitor)) {
            return;
        }
        ViewRegistry.LoadedView view = views.load(RoomsModule.MONITOR_VIEW);
        RoomMonitorController controller = (RoomMonitorController) view.controller();
        Tab tab = new Tab();
        tab.setId("room-tab-" + monitor.room());
        tab.textProperty().bind(monitor.state().titleProperty().map(t -> t.isEmpty() ? monitor.room() : t));
        tab.setContent(view.root());
        tab.setOnClosed(e -> hub.close(monitor.room()));
        tabs.put(monitor, tab);
        controllers.put(tab, controller);
        controller.show(monitor);
        controller.activate();
        roomTabs.getTabs().add(tab);
        roomTabs.getSelectionModel().select(tab);
        lagSubscriptions.put(tab, monitor.lagMillisProperty().subscribe(ms -> showLag())
                .and(tab.selectedProperty().subscribe(controller::setShown)));
    }

    private void removeTab(RoomMonitorModel monitor) {
        Tab tab = tabs.remove(monitor);
        if (tab != null) {
            RoomMonitorController controller = controllers.remove(tab);
            if (controller != null) {
                controller.deactivate();
            }
            Subscription lag = lagSubscriptions.remove(tab);
            if (lag != null) {
                lag.unsubscribe();
            }
            roomTabs.getTabs().remove(tab);
        }
    }

    private void showStatus(RoomsHub.Link state) {
        streamStatusLabel.getStyleClass().removeAll("rooms-stream-open", "rooms-stream-waiting");
        streamStatusLabel.getStyleClass().add(state == RoomsHub.Link.OPEN ? "rooms-stream-open" : "rooms-stream-waiting");
        streamStatusLabel.setGraphic(new FontIcon(state == RoomsHub.Link.OPEN ? "fth-activity" : "fth-refresh-cw"));
        streamStatusLabel.setText(switch (state) {
            case OPEN -> i18n.get("rooms.status.open");
            case CONNECTING -> i18n.get("rooms.status.connecting");
            case RECONNECTING -> i18n.get("rooms.status.waiting");
            case CLOSED -> i18n.get("rooms.status.closed");
        });
    }

    /** The lag of the monitor on screen, or the wall's when the wall is. */
    private void showLag() {
        Tab selected = roomTabs.getSelectionModel().getSelectedItem();
        long ms = hub.wallLagMillisProperty().get();
        for (Map.Entry<RoomMonitorModel, Tab> e : tabs.entrySet()) {
            if (e.getValue() == selected) {
                ms = e.getKey().lagMillisProperty().get();
            }
        }
        streamLagLabel.setText(ms < 0 ? i18n.get("rooms.status.lagUnknown")
                : i18n.get("rooms.status.lag", String.format(i18n.getLocale(), "%.1f", ms / 1000.0)));
    }
}
