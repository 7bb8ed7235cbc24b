package dev.moddesk.app.shell;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.ConnectionState;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.ViewRegistry;
import dev.moddesk.app.core.ViewSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.Subscription;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Navigation on the left, the current view in the middle, the status bar below, notifications on top. */
public final class ShellController implements ActiveView {
    private static final int MAX_NOTIFICATIONS = 4;

    private final ShellViewModel vm;
    private final ViewRegistry views;
    private final I18n i18n;
    private final EventBus bus;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private ViewRegistry.LoadedView current;

    @FXML
    private ListView<ViewSpec> navList;
    @FXML
    private StackPane content;
    @FXML
    private Label serverLabel;
    @FXML
    private Label userLabel;
    @FXML
    private Label connectionLabel;
    @FXML
    private Label latencyLabel;
    @FXML
    private Button signOutButton;
    @FXML
    private Button changePasswordButton;
    @FXML
    private VBox notifications;
    @FXML
    private HBox statusItems;
    private final Map<String, Label> items = new HashMap<>();

    public ShellController(ShellViewModel vm, ViewRegistry views, I18n i18n, EventBus bus) {
        this.vm = vm;
        this.views = views;
        this.i18n = i18n;
        this.bus = bus;
    }

    @FXML
    private void initialize() {
        navList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ViewSpec item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    setId(null);
                } else {
                    setText(i18n.get(item.titleKey()));
                    setGraphic(item.icon() == null ? null : new FontIcon(item.icon()));
                    setId("nav-" + item.id());
                }
            }
        });
        navList.getItems().setAll(vm.navigationItems());
        Session s = vm.session();
        if (s != null) {
            serverLabel.setText(s.serverUrl());
            serverLabel.setGraphic(new FontIcon(Feather.SERVER));
            userLabel.setText(i18n.get("shell.status.user", s.me().displayName(), i18n.roleName(s.me().role())));
            userLabel.setGraphic(new FontIcon(Feather.USER));
        }
        signOutButton.setGraphic(new FontIcon(Feather.LOG_OUT));
        changePasswordButton.setGraphic(new FontIcon(Feather.KEY));
    }

    @Override
    public void activate() {
        subscriptions.add(navList.getSelectionModel().selectedItemProperty().subscribe(spec -> {
            if (spec != null) {
                vm.navigation().go(spec.id());
            }
        }));
        subscriptions.add(vm.navigation().currentProperty().subscribe(this::show));
        subscriptions.add(vm.connectionProperty().subscribe(this::showConnection));
        subscriptions.add(vm.latencyProperty().subscribe(ms -> latencyLabel.setText(ms.longValue() < 0 ? ""
                : i18n.get("shell.status.latency", ms.longValue()))));
        subscriptions.add(bus.subscribe(Events.NotificationEvent.class, this::notify));
        subscriptions.add(bus.subscribe(Events.StatusItemEvent.class, this::showItem));
        subscriptions.add(bus.subscribe(Events.NavigateEvent.class, e -> vm.navigation().go(e.viewId())));
        String first = vm.initialView();
        if (first != null) {
            vm.navigation().go(first);
            show(first);
        }
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        if (current != null && current.controller() instanceof ActiveView active) {
            active.deactivate();
        }
        current = null;
    }

    private void show(String id) {
        if (id == null || (current != null && current.spec().id().equals(id))) {
            return;
        }
        ViewSpec spec = navList.getItems().stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
        if (spec == null) {
            return;
        }
        if (current != null && current.controller() instanceof ActiveView active) {
            active.deactivate();
        }
        current = views.load(id);
        content.getChildren().setAll(current.root());
        if (current.controller() instanceof ActiveView active) {
            active.activate();
        }
        if (navList.getSelectionModel().getSelectedItem() != spec) {
            navList.getSelectionModel().select(spec);
        }
    }

    private void showConnection(ConnectionState state) {
        connectionLabel.getStyleClass().removeAll("shell-status-connected", "shell-status-reconnecting", "shell-status-offline");
        connectionLabel.getStyleClass().add("shell-status-" + state.name().toLowerCase());
        connectionLabel.setText(switch (state) {
            case CONNECTED -> i18n.get("shell.status.connected");
            case RECONNECTING -> i18n.get("shell.status.reconnecting");
            case OFFLINE -> i18n.get("shell.status.offline");
        });
        connectionLabel.setGraphic(new FontIcon(switch (state) {
            case CONNECTED -> Feather.WIFI;
            case RECONNECTING -> Feather.REFRESH_CW;
            case OFFLINE -> Feather.WIFI_OFF;
        }));
    }

    /** A feature's item in the status bar (e.g. the rooms stream's lag): shown, replaced, or removed when blank. */
    private void showItem(Events.StatusItemEvent event) {
        if (event.text().isBlank()) {
            statusItems.getChildren().remove(items.remove(event.id()));
            return;
        }
        Label label = items.computeIfAbsent(event.id(), id -> {
            Label made = new Label();
            made.setId("status-" + id);
            made.getStyleClass().add("shell-status-item");
            made.setTooltip(new Tooltip());
            statusItems.getChildren().add(made);
            return made;
        });
        label.setText(event.text());
        label.getTooltip().setText(event.tooltip() == null ? event.text() : event.tooltip());
        label.getStyleClass().removeAll("shell-status-item-warning", "shell-status-item-danger");
        label.setGraphic(new FontIcon(switch (event.severity()) {
            case INFO, SUCCESS -> Feather.ACTIVITY;
            case WARNING -> Feather.ALERT_TRIANGLE;
            case DANGER -> Feather.ALERT_OCTAGON;
        }));
        switch (event.severity()) {
            case WARNING -> label.getStyleClass().add("shell-status-item-warning");
            case DANGER -> label.getStyleClass().add("shell-status-item-danger");
            default -> { }
        }
    }

    private void notify(Events.NotificationEvent event) {
        Notification n = new Notification(event.message(), new FontIcon(switch (event.severity()) {
            case INFO -> Feather.INFO;
            case SUCCESS -> Feather.CHECK_CIRCLE;
            case WARNING -> Feather.ALERT_TRIANGLE;
            case DANGER -> Feather.ALERT_OCTAGON;
        }));
        n.getStyleClass().addAll(Styles.ELEVATED_1, switch (event.severity()) {
            case INFO -> Styles.ACCENT;
            case SUCCESS -> Styles.SUCCESS;
            case WARNING -> Styles.WARNING;
            case DANGER -> Styles.DANGER;
        });
        n.getStyleClass().add("shell-notification");
        n.setOnClose(e -> notifications.getChildren().remove(n));
        notifications.getChildren().addFirst(n);
        while (notifications.getChildren().size() > MAX_NOTIFICATIONS) {
            notifications.getChildren().removeLast();
        }
        PauseTransition later = new PauseTransition(Duration.seconds(event.severity() == Events.Severity.DANGER ? 12 : 6));
        later.setOnFinished(e -> notifications.getChildren().remove(n));
        later.play();
    }

    @FXML
    private void onChangePassword() {
        PasswordChangeController form = (PasswordChangeController) views.load(PasswordChangeController.VIEW).controller();
        form.open(signOutButton.getScene().getWindow(), vm.passwordChanger(), false, "").thenAccept(changed -> {
            if (changed) {
                bus.publish(new Events.NotificationEvent(Events.Severity.SUCCESS, i18n.get("password.change.done")));
            }
        });
    }

    @FXML
    private void onSignOut() {
        vm.signOut();
    }
}
