package dev.moddesk.app.rooms;

import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.Song;
import dev.moddesk.contract.rooms.WatchSource;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One room monitor: the chat stream (a fixed-height list over the monitor's {@link ChatLog} window, following the tail
 * unless frozen), search and filters, the "N new messages" bar while frozen, the per-kind panel (seat board, song
 * queue, source) and the user card. Keys on the chat: P freezes or unfreezes, Enter opens the selected line's user
 * card (or retries a failed gap), Escape closes the card; Ctrl+F goes to search. Pointer over the chat freezes it too.
 */
public final class RoomMonitorController implements ActiveView {
    private final RoomsHub hub;
    private final I18n i18n;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private RoomMonitorModel monitor;
    /** Whether the monitor's tab is in front ({@link #setShown}); a new monitor opens in front. */
    private boolean shown = true;
    private ChatRow keptSelection;
    /** The chat list's flow (its skin's), found on first use. */
    private VirtualFlow<?> flow;

    @FXML
    private Label kindLabel;
    @FXML
    private Label titleLabel;
    @FXML
    private Label hostLabel;
    @FXML
    private Label audienceLabel;
    @FXML
    private Label slowModeLabel;
    @FXML
    private Label roomStatusLabel;
    @FXML
    private TextField searchField;
    @FXML
    private TextField userFilterField;
    @FXML
    private CheckBox flaggedOnlyBox;
    @FXML
    private CheckBox watchedOnlyBox;
    @FXML
    private TextField watchListField;
    @FXML
    private ToggleButton freezeButton;
    @FXML
    private Label problemLabel;
    @FXML
    private Label laggingLabel;
    @FXML
    private ListView<ChatRow> chatList;
    @FXML
    private Button newMessagesBar;
    @FXML
    private ScrollPane sideScroll;
    @FXML
    private VBox sidePane;
    @FXML
    private VBox seatBox;
    @FXML
    private FlowPane seatBoard;
    @FXML
    private VBox songBox;
    @FXML
    private ListView<Song> songList;
    @FXML
    private VBox sourceBox;
    @FXML
    private Label sourceTitleLabel;
    @FXML
    private TextField sourceUrlField;
    @FXML
    private Label sourceSharedLabel;
    @FXML
    private UserCardController userCardController;
    @FXML
    private RoomActionBarController actionBarController;
    @FXML
    private Button skipSongButton;
    @FXML
    private Button removeSongButton;
    @FXML
    private Button stopSourceButton;
    @FXML
    private Label bufferLabel;
    @FXML
    private Label lagLabel;
    @FXML
    private Label revealLabel;

    public RoomMonitorController(RoomsHub hub, I18n i18n) {
        this.hub = hub;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        chatList.setCellFactory(list -> new ChatCell(i18n,
                () -> monitor == null ? null : monitor.revealedProperty().get()));
        // Moved, not entered: a monitor that opens under a resting pointer must not start frozen.
        chatList.setOnMouseMoved(e -> hover(true));
        chatList.setOnMouseExited(e -> hover(false));
        chatList.addEventFilter(KeyEvent.KEY_PRESSED, this::chatKey);
        chatList.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openUserCard();
            }
        });
        songList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Song song, boolean empty) {
                super.updateItem(song, empty);
                setText(empty || song == null ? null : (getIndex() == 0 ? "▶ " : "") + i18n.get("rooms.monitor.song",
                        ChatLines.oneLine(song.title() == null ? "" : song.title(), 80),
                        ChatLines.oneLine(song.singerName() == null ? "?" : song.singerName(), ChatLines.MAX_NAME)));
            }
        });
        userCardController.onClosed(() -> chatList.requestFocus());
        userCardController.onActionFocused(this::reveal);
        watchListField.setOnAction(e -> hub.setWatchTerms(watchListField.getText()));
        freezeButton.setGraphic(new FontIcon("fth-pause"));
        actionBarController.decorate(skipSongButton, "fth-skip-forward", RoomAction.SKIP_SONG);
        actionBarController.decorate(removeSongButton, "fth-x-circle", RoomAction.REMOVE_SONG);
        actionBarController.decorate(stopSourceButton, "fth-stop-circle", RoomAction.STOP_SOURCE);
        removeSongButton.disableProperty().bind(songList.getSelectionModel().selectedItemProperty().isNull());
    }

    /** Shows {@code model}; called once, right after the view is loaded. */
    void show(RoomMonitorModel model) {
        this.monitor = model;
        chatList.setItems(model.log().window());
        chatList.setId("chat-" + model.room());
        actionBarController.show(model, chatList.getSelectionModel().selectedItemProperty());
        userCardController.actions(actionBarController, model.actions());
        watchListField.setText(hub.watchTerms());
    }

    @Override
    public void activate() {
        RoomMonitorModel m = monitor;
        ChatLog log = m.log();
        RoomState state = m.state();
        searchField.textProperty().bindBidirectional(m.textFilterProperty());
        userFilterField.textProperty().bindBidirectional(m.userFilterProperty());
        flaggedOnlyBox.selectedProperty().bindBidirectional(m.flaggedOnlyProperty());
        watchedOnlyBox.selectedProperty().bindBidirectional(m.watchedOnlyProperty());
        subscriptions.add(() -> {
            searchField.textProperty().unbindBidirectional(m.textFilterProperty());
            userFilterField.textProperty().unbindBidirectional(m.userFilterProperty());
            flaggedOnlyBox.selectedProperty().unbindBidirectional(m.flaggedOnlyProperty());
            watchedOnlyBox.selectedProperty().unbindBidirectional(m.watchedOnlyProperty());
        });
        ListChangeListener<ChatRow> follow = change -> {
            if (shown && !log.frozenProperty().get()) {
                toEnd();
            }
            showBuffer();
        };
        log.window().addListener(follow);
        subscriptions.add(() -> log.window().removeListener(follow));
        subscriptions.add(log.frozenProperty().subscribe(frozen -> {
            newMessagesBar.setVisible(frozen);
            // Freezing put the older buffered rows in front of the followed tail, and the list keeps its first index
            // when rows come in front: it goes back to the very end, where the newest rows were drawn.
            if (!frozen || shown) {
                toEnd();
            }
        }));
        subscriptions.add(log.pinnedProperty().subscribe(freezeButton::setSelected));
        subscriptions.add(log.newWhileFrozenProperty().subscribe(n -> newMessagesBar.setText(
                i18n.get("rooms.monitor.newMessages", n.intValue()))));
        subscriptions.add(state.kindProperty().subscribe(this::showKind));
        subscriptions.add(state.titleProperty().subscribe(titleLabel::setText));
        subscriptions.add(state.hostProperty().subscribe(h -> hostLabel.setText(h.isEmpty() ? ""
                : i18n.get("rooms.monitor.host",
                        dev.moddesk.app.core.ErasedUsers.name(i18n, h), state.cityProperty().get()))));
        subscriptions.add(state.audienceProperty().subscribe(n -> audienceLabel.setText(
                i18n.get("rooms.card.audience", n.intValue()))));
        subscriptions.add(state.slowModeSecondsProperty().subscribe(s -> slowModeLabel.setText(s.intValue() == 0 ? ""
                : i18n.get("rooms.monitor.slowMode", s.intValue()))));
        subscriptions.add(state.statusProperty().subscribe(s -> roomStatusLabel.setText(s == null || s == RoomStatus.LIVE
                ? "" : s == RoomStatus.CLOSED ? i18n.get("rooms.monitor.closed") : i18n.get("rooms.monitor.ended"))));
        subscriptions.add(state.laggingProperty().subscribe(on -> {
            laggingLabel.setVisible(on);
            laggingLabel.setManaged(on);
        }));
        subscriptions.add(m.problemProperty().subscribe(p -> {
            problemLabel.setText(p);
            problemLabel.setVisible(!p.isEmpty());
            problemLabel.setManaged(!p.isEmpty());
        }));
        subscriptions.add(m.revealProperty().subscribe(r -> showReveal(m, r)));
        subscriptions.add(m.revealedProperty().subscribe(this::showRevealed));
        subscriptions.add(m.lagMillisProperty().subscribe(ms -> lagLabel.setText(ms.longValue() < 0 ? ""
                : i18n.get("rooms.status.lag", String.format(i18n.getLocale(), "%.1f", ms.longValue() / 1000.0)))));
        actionBarController.activate();
        subscriptions.add(actionBarController::deactivate);
        subscriptions.add(state.sourceProperty().subscribe(src -> stopSourceButton.setDisable(src == null)));
        ListChangeListener<Song> queue = c -> skipSongButton.setDisable(state.songs().isEmpty());
        state.songs().addListener(queue);
        subscriptions.add(() -> state.songs().removeListener(queue));
        skipSongButton.setDisable(state.songs().isEmpty());
        ListChangeListener<Seat> seats = c -> showSeats();
        state.seats().addListener(seats);
        subscriptions.add(() -> state.seats().removeListener(seats));
        songList.setItems(state.songs());
        subscriptions.add(state.sourceProperty().subscribe(this::showSource));
        showSeats();
        showBuffer();
        if (!log.window().isEmpty()) {
            toEnd();
        }
    }

    /** The note about a reported message the deep link asked for: looked for, shown, erased or gone. */
    private void showReveal(RoomMonitorModel m, RoomMonitorModel.Reveal r) {
        String text = switch (r) {
            case NONE -> "";
            case SEARCHING -> i18n.get("rooms.monitor.reported.searching", m.revealNumber());
            case SHOWN -> i18n.get("rooms.monitor.reported.shown", m.revealNumber());
            case ERASED -> i18n.get("rooms.monitor.reported.erased", m.revealNumber());
            case GONE -> i18n.get("rooms.monitor.reported.gone");
            case OUT_OF_REACH -> i18n.get("rooms.monitor.reported.outOfReach", m.revealNumber());
        };
        revealLabel.setText(text);
        revealLabel.setVisible(!text.isEmpty());
        revealLabel.setManaged(!text.isEmpty());
    }

    /**
     * The reported line: the chat pauses (so following the tail does not scroll it away; P or the bar follows again),
     * and the list selects it, scrolls to it and highlights it.
     */
    private void showRevealed(ChatLine line) {
        if (line == null || monitor == null) {
            return;
        }
        if (!monitor.log().pinnedProperty().get()) {
            monitor.log().togglePinned();
        }
        scrollToRevealed();
        chatList.refresh(); // once, so the cells take the highlight
    }

    private void scrollToRevealed() {
        ChatLine line = monitor.revealedProperty().get();
        int at = line == null ? -1 : chatList.getItems().indexOf(line);
        if (at >= 0) {
            chatList.getSelectionModel().select(at);
            chatList.scrollTo(Math.max(0, at - 3));
        }
    }

    /**
     * Whether this monitor is the tab in front. A monitor behind another tab keeps following and buffering its room,
     * but its list lets go of the window: otherwise each of its frames' rows would scroll and re-lay out the hidden
     * list's cells on the FX thread (five monitors at thousands of lines a second made every pulse pay for all five).
     * The selected line is kept for when the tab comes back.
     */
    void setShown(boolean on) {
        if (on == shown || monitor == null) {
            return;
        }
        shown = on;
        ChatLog log = monitor.log();
        if (!on) {
            keptSelection = chatList.getSelectionModel().getSelectedItem();
            chatList.setItems(FXCollections.observableArrayList());
            return;
        }
        chatList.setItems(log.window());
        if (keptSelection != null && log.window().contains(keptSelection)) {
            chatList.getSelectionModel().select(keptSelection);
        }
        keptSelection = null;
        if (!log.frozenProperty().get() && !log.window().isEmpty()) {
            toEnd();
        } else if (monitor.revealedProperty().get() != null) {
            scrollToRevealed();
        }
    }

    @Override
    public void deactivate() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        if (monitor != null) {
            monitor.log().setHovered(false);
        }
    }

    /** Scrolls the side pane just enough to show {@code node} (an action reached with Tab below the fold). */
    private void reveal(javafx.scene.Node node) {
        double content = sidePane.getHeight();
        double view = sideScroll.getViewportBounds().getHeight();
        if (content <= view) {
            return;
        }
        double margin = 8;
        double y = sidePane.sceneToLocal(node.localToScene(0, 0)).getY() - margin;
        double h = node.getBoundsInLocal().getHeight() + 2 * margin;
        double top = sideScroll.getVvalue() * (content - view);
        if (y < top) {
            sideScroll.setVvalue(Math.max(0, y / (content - view)));
        } else if (y + h > top + view) {
            sideScroll.setVvalue(Math.min(1, (y + h - view) / (content - view)));
        }
    }

    private void hover(boolean on) {
        if (monitor != null) {
            monitor.log().setHovered(on);
        }
    }

    private void chatKey(KeyEvent e) {
        if (monitor == null) {
            return;
        }
        if (e.getCode() == KeyCode.P && !e.isShortcutDown()) {
            monitor.log().togglePinned();
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER) {
            ChatRow row = chatList.getSelectionModel().getSelectedItem();
            if (row instanceof GapRow gap && gap.state() == GapRow.State.FAILED) {
                monitor.backfill(gap);
            } else {
                openUserCard();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && userCardController.showing()) {
            userCardController.onClose();
            e.consume();
        } else if (e.getCode() == KeyCode.F && e.isShortcutDown()) {
            searchField.requestFocus();
            e.consume();
        }
    }

    private void openUserCard() {
        if (chatList.getSelectionModel().getSelectedItem() instanceof ChatLine line) {
            userCardController.show(monitor.userCard(line.user()));
        }
    }

    @FXML
    private void onFreeze() {
        if (monitor != null && freezeButton.isSelected() != monitor.log().pinnedProperty().get()) {
            monitor.log().togglePinned();
        }
    }

    @FXML
    private void onResume() {
        if (monitor != null) {
            monitor.log().resume();
            chatList.requestFocus();
        }
    }

    /**
     * Shows the newest row whole at the bottom of the list. {@code ListView.scrollTo} puts the row at the top of the
     * list and, for the last one, left it all but two pixels below the list's bottom edge; the flow's position 1 is
     * the exact end, kept as rows are added.
     */
    private void toEnd() {
        int last = chatList.getItems().size() - 1;
        if (last < 0) {
            return;
        }
        chatList.scrollTo(last); // brings the list's row count up to date first
        if (flow == null || flow.getParent() != chatList) {
            flow = chatList.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
        }
        if (flow != null) {
            flow.setPosition(1);
        }
    }

    private void showBuffer() {
        bufferLabel.setText(i18n.get("rooms.monitor.buffer", monitor.log().size(), monitor.log().capacity()));
    }

    private void showKind(RoomKind kind) {
        String name = kind == null ? "" : kind.name();
        kindLabel.setGraphic(new FontIcon(RoomText.icon(name)));
        kindLabel.setText(kind == null ? "" : RoomText.kind(i18n, name));
        boolean voice = kind == RoomKind.VOICE;
        show(seatBox, voice || !monitor.state().seats().isEmpty());
        show(songBox, kind == RoomKind.KTV);
        show(sourceBox, kind == RoomKind.WATCH_TOGETHER);
    }

    private static void show(VBox box, boolean on) {
        box.setVisible(on);
        box.setManaged(on);
    }

    private void showSeats() {
        List<javafx.scene.Node> tiles = new ArrayList<>();
        for (Seat seat : monitor.state().seats()) {
            // A menu per seat: off mic, mute, lock (and their undos), from the pointer or the keyboard.
            MenuButton tile = new MenuButton(i18n.get("rooms.monitor.seat", seat.number(), seat.taken()
                    ? ChatLines.oneLine(seat.occupantName() == null ? seat.occupantId() : seat.occupantName(),
                    ChatLines.MAX_NAME) : i18n.get("rooms.monitor.seatFree")));
            tile.getItems().setAll(actionBarController.seatItems(seat));
            tile.setOnShowing(e -> tile.getItems().setAll(actionBarController.seatItems(seat)));
            tile.setTooltip(new Tooltip(i18n.get("rooms.actions.seatMenu", seat.number())));
            tile.setId("seat-" + seat.number());
            tile.getStyleClass().add("room-seat");
            if (seat.taken()) {
                tile.getStyleClass().add("room-seat-taken");
            }
            if (seat.muted()) {
                tile.getStyleClass().add("room-seat-muted");
            }
            if (seat.locked()) {
                tile.getStyleClass().add("room-seat-locked");
            }
            tile.setGraphic(new FontIcon(seat.locked() ? "fth-lock" : seat.muted() ? "fth-mic-off" : "fth-mic"));
            tiles.add(tile);
        }
        seatBoard.getChildren().setAll(tiles);
        if (monitor.state().kindProperty().get() != RoomKind.VOICE) {
            show(seatBox, !tiles.isEmpty());
        }
    }

    @FXML
    private void onSkipSong() {
        if (!monitor.state().songs().isEmpty()) {
            Song singing = monitor.state().songs().getFirst();
            actionBarController.request(RoomAction.SKIP_SONG, singing.id(), singing.title(), null, null);
        }
    }

    @FXML
    private void onRemoveSong() {
        Song song = songList.getSelectionModel().getSelectedItem();
        if (song != null) {
            actionBarController.request(RoomAction.REMOVE_SONG, song.id(), song.title(), null, null);
        }
    }

    @FXML
    private void onStopSource() {
        actionBarController.request(RoomAction.STOP_SOURCE, null, "", null, null);
    }

    private void showSource(WatchSource source) {
        if (source == null) {
            sourceTitleLabel.setText(i18n.get("rooms.monitor.noSource"));
            sourceUrlField.setText("");
            sourceSharedLabel.setText("");
            return;
        }
        sourceTitleLabel.setText(ChatLines.oneLine(source.title() == null ? "" : source.title(), 120));
        // Untrusted: shown as text to read or copy, never opened from here.
        sourceUrlField.setText(ChatLines.oneLine(source.url() == null ? "" : source.url(), 500));
        sourceSharedLabel.setText(i18n.get("rooms.monitor.sharedBy", ChatLines.oneLine(
                source.sharedByName() == null ? String.valueOf(source.sharedById()) : source.sharedByName(),
                ChatLines.MAX_NAME)));
    }
}
