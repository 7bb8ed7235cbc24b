package dev.moddesk.app.creators;

import dev.moddesk.contract.creators.FanGroup;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A fan group in display order: its position, name, members against capacity and whether the profile shows it. When
 * editable, a group is dragged onto another's place (the list's Alt+Up/Down does the same from the keyboard).
 */
final class GroupCell extends ListCell<FanGroup> {
    private static final String DRAG_PREFIX = "moddesk-group:";

    private final DisplayOrder order;
    private final CreatorText text;
    private final Label position = new Label();
    private final Label name = new Label();
    private final Label members = new Label();
    private final Label shown = new Label();
    private final HBox box;

    GroupCell(DisplayOrder order, CreatorText text, boolean editable) {
        this.order = order;
        this.text = text;
        position.getStyleClass().add("creator-group-position");
        position.setMinWidth(32);
        name.getStyleClass().add("creator-group-name");
        members.getStyleClass().add("text-muted");
        shown.getStyleClass().add("creator-badge");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        box = new HBox(8, position, name, gap, members, shown);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (editable) {
            enableDrag();
        }
    }

    private void enableDrag() {
        setOnDragDetected(e -> {
            if (getItem() == null) {
                return;
            }
            Dragboard board = startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.putString(DRAG_PREFIX + getIndex());
            board.setContent(content);
            e.consume();
        });
        setOnDragOver(e -> {
            if (e.getGestureSource() != this && dragged(e.getDragboard()) >= 0) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        setOnDragEntered(e -> getStyleClass().add("creator-group-drop"));
        setOnDragExited(e -> getStyleClass().remove("creator-group-drop"));
        setOnDragDropped(e -> {
            int from = dragged(e.getDragboard());
            int to = isEmpty() ? order.groups().size() - 1 : getIndex();
            boolean moved = from >= 0 && order.move(from, to);
            if (moved) {
                getListView().getSelectionModel().clearAndSelect(Math.min(to, order.groups().size() - 1));
            }
            e.setDropCompleted(moved);
            e.consume();
        });
    }

    private static int dragged(Dragboard board) {
        String s = board.hasString() ? board.getString() : null;
        if (s == null || !s.startsWith(DRAG_PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(s.substring(DRAG_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected void updateItem(FanGroup item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        position.setText((getIndex() + 1) + ".");
        name.setText(CreatorText.oneLine(item.name()));
        members.setText(text.i18n().get("creators.group.members", text.count(item.members()), text.count(item.capacity())));
        boolean onProfile = order.shownAt(getIndex());
        shown.setText(text.i18n().get(onProfile ? "creators.group.shown" : "creators.group.hidden"));
        shown.getStyleClass().removeAll("creator-group-shown", "creator-group-hidden");
        shown.getStyleClass().add(onProfile ? "creator-group-shown" : "creator-group-hidden");
        setText(null);
        setGraphic(box);
    }
}
