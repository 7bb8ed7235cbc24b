package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One report group: how many reports, about what (message, user or room) in which room on top; the reported line (or
 * user) below; then the categories with their counts and the newest report's time and words. Everything but the
 * counts and times is the platform users' input, drawn as one safe line ({@link ChatLines#oneLine}).
 */
final class ReportCell extends ListCell<ReportGroup> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final I18n i18n;
    private final ZoneId zone;
    private final Label count = new Label();
    private final Label what = new Label();
    private final Label room = new Label();
    private final Label subject = new Label();
    private final Label reasons = new Label();
    private final VBox box;

    ReportCell(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.zone = zone;
        count.getStyleClass().add("report-count");
        what.getStyleClass().add("report-what");
        room.getStyleClass().add("report-room");
        subject.getStyleClass().add("report-subject");
        reasons.getStyleClass().add("report-reasons");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        box = new VBox(3, new HBox(10, count, what, grow, room), subject, reasons);
        box.getStyleClass().add("report-row");
    }

    @Override
    protected void updateItem(ReportGroup item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        count.setText(i18n.get("rooms.reports.times", item.count()));
        what.setText(ReportText.target(i18n, item.targetKind()));
        room.setText(ChatLines.oneLine(item.roomTitle() == null ? item.roomId() : item.roomTitle(),
                ChatLines.MAX_NAME));
        subject.setText(subject(item));
        reasons.setText(reasons(item));
        setGraphic(box);
    }

    private String subject(ReportGroup g) {
        String user = g.targetNickname() != null ? g.targetNickname() : g.targetUserId();
        return switch (g.targetKind()) {
            case MESSAGE -> i18n.get("rooms.reports.messageBy", user == null ? "—" : ChatLines.oneLine(user,
                    ChatLines.MAX_NAME), g.messageText() == null ? g.targetId()
                    : ChatLines.oneLine(g.messageText(), ChatLines.MAX_TEXT));
            case USER -> ChatLines.oneLine(user == null ? g.targetId() : user + " · " + g.targetUserId(),
                    ChatLines.MAX_TEXT);
            case ROOM -> ChatLines.oneLine(g.roomId(), ChatLines.MAX_NAME);
        };
    }

    private String reasons(ReportGroup g) {
        List<String> parts = new ArrayList<>();
        g.reasons().entrySet().stream().sorted(Map.Entry.<ReportReason, Long>comparingByValue().reversed())
                .forEach(e -> parts.add(ReportText.reason(i18n, e.getKey()) + " " + e.getValue()));
        parts.add(i18n.get("rooms.reports.last", g.lastAt() == null ? "—" : TIME.format(g.lastAt().atZone(zone))));
        if (!g.latest().isEmpty() && g.latest().getFirst().text() != null) {
            parts.add("“" + ChatLines.oneLine(g.latest().getFirst().text(), ChatLines.MAX_NAME) + "”");
        }
        return String.join(" · ", parts);
    }
}
