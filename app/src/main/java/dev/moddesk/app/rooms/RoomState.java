package dev.moddesk.app.rooms;

import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.Song;
import dev.moddesk.contract.rooms.WatchSource;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What a monitor shows beside the chat: the room's identity, audience, status and slow mode, and per kind the seat
 * board (VOICE), the song queue (KTV, first = singing) or the shared source (WATCH_TOGETHER). Set from the room's
 * detail when the monitor opens, then kept current by the live events. FX thread only.
 */
public final class RoomState {
    private final ObjectProperty<RoomKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty host = new SimpleStringProperty(this, "host", "");
    private final StringProperty city = new SimpleStringProperty(this, "city", "");
    private final IntegerProperty audience = new SimpleIntegerProperty(this, "audience");
    private final ObjectProperty<RoomStatus> status = new SimpleObjectProperty<>(this, "status", RoomStatus.LIVE);
    private final IntegerProperty slowModeSeconds = new SimpleIntegerProperty(this, "slowModeSeconds");
    private final ObservableList<Seat> seats = FXCollections.observableArrayList();
    private final ObservableList<Song> songs = FXCollections.observableArrayList();
    private final ObjectProperty<WatchSource> source = new SimpleObjectProperty<>(this, "source");
    private final BooleanProperty lagging = new SimpleBooleanProperty(this, "lagging");

    void apply(RoomDetail detail) {
        summary(detail.summary());
        seats.setAll(detail.seats().stream().sorted(Comparator.comparingInt(Seat::number)).toList());
        songs.setAll(detail.songQueue());
        source.set(detail.source());
        slowModeSeconds.set(detail.slowModeSeconds());
    }

    void summary(RoomSummary s) {
        kind.set(s.kind());
        title.set(ChatLines.oneLine(s.title() == null ? s.roomId() : s.title(), 80));
        host.set(ChatLines.oneLine(s.hostName() == null ? "" : s.hostName(), ChatLines.MAX_NAME));
        city.set(ChatLines.oneLine(s.city() == null ? "" : s.city(), 40));
        audience.set(s.audience());
        status.set(s.status());
    }

    void seat(Seat seat) {
        for (int i = 0; i < seats.size(); i++) {
            if (seats.get(i).number() == seat.number()) {
                seats.set(i, seat);
                return;
            }
        }
        int at = 0;
        while (at < seats.size() && seats.get(at).number() < seat.number()) {
            at++;
        }
        seats.add(at, seat);
    }

    void songs(List<Song> queue) {
        songs.setAll(queue);
    }

    void source(WatchSource next) {
        source.set(next);
    }

    void audience(int n) {
        audience.set(n);
    }

    void slowMode(int seconds) {
        slowModeSeconds.set(seconds);
    }

    void status(RoomStatus next) {
        status.set(next);
    }

    void lagging(boolean on) {
        lagging.set(on);
    }

    public ObjectProperty<RoomKind> kindProperty() {
        return kind;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty cityProperty() {
        return city;
    }

    public IntegerProperty audienceProperty() {
        return audience;
    }

    public ObjectProperty<RoomStatus> statusProperty() {
        return status;
    }

    public IntegerProperty slowModeSecondsProperty() {
        return slowModeSeconds;
    }

    public ObservableList<Seat> seats() {
        return seats;
    }

    public ObservableList<Song> songs() {
        return songs;
    }

    public ObjectProperty<WatchSource> sourceProperty() {
        return source;
    }

    /** The server stopped this room's full stream because the console fell behind; it is resumed shortly. */
    public BooleanProperty laggingProperty() {
        return lagging;
    }
}
