package dev.moddesk.app.rooms;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.util.StringConverter;
import javafx.util.Subscription;

/**
 * The room wall: a grid of {@link RoomCardView}s in the wall model's attention order, filters by kind and city. A card
 * opens its room's monitor on a click or Enter. Cards are kept per room and only re-ordered once a second.
 */
public final class RoomWallController implements ActiveView {
    private final RoomsHub hub;
    private final I18n i18n;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<RoomCardModel, RoomCardView> cards = new HashMap<>();

    @FXML
    private ComboBox<String> kindFilter;
    @FXML
    private ComboBox<String> cityFilter;
    @FXML
    private FlowPane wallGrid;
    @FXML
    private Label liveRoomsLabel;
    @FXML
    private Label wallProblemLabel;
    @FXML
    private Label wallEmptyLabel;

    public RoomWallController(RoomsHub hub, I18n i18n) {
        this.hub = hub;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        kindFilter.setConverter(converter(true));
        cityFilter.setConverter(converter(false));
    }

    @Override
    public void activate() {
        RoomWallModel wall = hub.wall();
        subscriptions.add(bindChoices(kindFilter, wall.kinds(), wall.kindFilterProperty().get()));
        subscriptions.add(bindChoices(cityFilter, wall.cities(), wall.cityFilterProperty().get()));
        subscriptions.add(kindFilter.valueProperty().subscribe(v -> wall.kindFilterProperty().set(v)));
        subscriptions.add(cityFilter.valueProperty().subscribe(v -> wall.cityFilterProperty().set(v)));
        ListChangeListener<RoomCardModel> onChange = c -> showCards();
        wall.shown().addListener(onChange);
        subscriptions.add(() -> wall.shown().removeListener(onChange));
        subscriptions.add(wall.liveRoomsProperty().subscribe(n -> liveRoomsLabel.setText(
                i18n.get("rooms.wall.live", n.intValue()))));
        subscriptions.add(hub.problemProperty().subscribe(p -> {
            wallProblemLabel.setText(p);
            wallProblemLabel.setVisible(!p.isEmpty());
            wallProblemLabel.setManaged(!p.isEmpty());
        }));
        showCards();
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        cards.values().forEach(RoomCardView::dispose);
        cards.clear();
        wallGrid.getChildren().clear();
    }

    private void showCards() {
        List<RoomCardModel> shown = hub.wall().shown();
        List<Node> nodes = new ArrayList<>(shown.size());
        Map<RoomCardModel, RoomCardView> kept = new HashMap<>();
        for (RoomCardModel model : shown) {
            RoomCardView view = cards.remove(model);
            if (view == null) {
                view = new RoomCardView(model, i18n, hub::open);
            }
            kept.put(model, view);
            nodes.add(view);
        }
        cards.values().forEach(RoomCardView::dispose);
        cards.clear();
        cards.putAll(kept);
        Node focused = wallGrid.getScene() == null ? null : wallGrid.getScene().getFocusOwner();
        wallGrid.getChildren().setAll(nodes);
        if (focused != null && nodes.contains(focused)) {
            focused.requestFocus();
        }
        wallEmptyLabel.setVisible(nodes.isEmpty());
    }

    /** Keeps a filter's choices ("all" first, then what the wall has) without losing the current choice. */
    private static Subscription bindChoices(ComboBox<String> box, javafx.collections.ObservableList<String> source,
                                            String current) {
        Runnable copy = () -> {
            String keep = box.getValue();
            List<String> items = new ArrayList<>();
            items.add("");
            items.addAll(source);
            if (!box.getItems().equals(items)) {
                box.getItems().setAll(items);
            }
            box.setValue(keep == null ? "" : keep);
        };
        box.setValue(current == null ? "" : current);
        copy.run();
        ListChangeListener<String> onChange = c -> copy.run();
        source.addListener(onChange);
        return () -> source.removeListener(onChange);
    }

    private StringConverter<String> converter(boolean kinds) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                if (value == null || value.isEmpty()) {
                    return i18n.get(kinds ? "rooms.wall.allKinds" : "rooms.wall.allCities");
                }
                return kinds ? RoomText.kind(i18n, value) : value;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }
}
