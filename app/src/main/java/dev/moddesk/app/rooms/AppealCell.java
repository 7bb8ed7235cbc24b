package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.Appeal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One appeal next to its sanction: the user and when they appealed on top; the sanction (action, room, reason, who,
 * when); the user's words; then the user's own lines kept as evidence when the action was taken. Users' and staff's
 * texts are drawn as one safe line each ({@link ChatLines#oneLine}).
 */
final class AppealCell extends ListCell<Appeal> {
    /** The user's last lines shown under the appeal (the cell has a fixed height). */
    static final int MAX_LINES = 4;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final I18n i18n;
    private final ZoneId zone;
    private final Label user = new Label();
    private final Label when = new Label();
    private final Label sanction = new Label();
    private final Label words = new Label();
    private final VBox evidence = new VBox(1);
    private final VBox box;

    AppealCell(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.zone = zone;
        user.getStyleClass().add("appeal-user");
        when.getStyleClass().add("appeal-when");
        sanction.getStyleClass().add("appeal-sanction");
        words.getStyleClass().add("appeal-words");
        evidence.getStyleClass().add("appeal-evidence");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        box = new VBox(3, new HBox(10, user, grow, when), sanction, words, evidence);
        box.getStyleClass().add("appeal-row");
    }

    @Override
    protected void updateItem(Appeal item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        user.setText(ChatLines.oneLine(item.userId(), ChatLines.MAX_NAME));
        when.setText(i18n.get("rooms.appeals.appealedAt", time(item.receivedAt())));
        sanction.setText(sanction(item));
        words.setText("“" + ChatLines.oneLine(item.text() == null ? "" : item.text(), ChatLines.MAX_TEXT) + "”");
        evidence.getChildren().clear();
        if (item.userLines().isEmpty()) {
            evidence.getChildren().add(new Label(i18n.get("rooms.appeals.noEvidence")));
        }
        var lines = item.userLines();
        for (Appeal.EvidenceLine line : lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size())) {
            Label l = new Label(ChatLines.oneLine((line.nickname() == null ? "?" : line.nickname()) + ": "
                    + (line.text() == null ? "" : line.text()), ChatLines.MAX_TEXT));
            l.getStyleClass().add("appeal-evidence-line");
            evidence.getChildren().add(l);
        }
        setGraphic(box);
    }

    private String sanction(Appeal a) {
        if (a.action() == null) {
            return i18n.get("rooms.appeals.sanctionGone");
        }
        String what = switch (a.action().action()) {
            case "user.mute" -> i18n.get("rooms.appeals.action.mute", a.action().params().getOrDefault("minutes", "?"));
            case "user.kick" -> i18n.get("rooms.appeals.action.kick");
            case "user.warn" -> i18n.get("rooms.appeals.action.warn");
            case "message.delete" -> i18n.get("rooms.appeals.action.delete");
            default -> a.action().action();
        };
        return i18n.get("rooms.appeals.sanction", what,
                ChatLines.oneLine(a.roomTitle() == null ? a.roomId() : a.roomTitle(), ChatLines.MAX_NAME),
                a.action().reason() == null ? "—" : ChatLines.oneLine(a.action().reason(), ChatLines.MAX_NAME),
                a.action().staffName() == null ? "—" : a.action().staffName(), time(a.actionAt()));
    }

    private String time(java.time.Instant at) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }
}
