package dev.moddesk.app.rooms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The wall of live rooms: one {@link RoomCardModel} per live room, updated from the summaries the stream sends about
 * once a second, shown in attention order (see {@link #ATTENTION}) and filtered by kind and city. Rooms that end
 * leave the wall. Crossing a threshold is {@link WallAlarm}'s business. FX thread only.
 */
public final class RoomWallModel {
    /**
     * What needs attention first: open user reports, then a rate spike, then messages flagged in the last minute,
     * then the busiest; the title last, so equal rooms keep a stable place.
     */
    static final Comparator<RoomCardModel> ATTENTION = Comparator
            .comparingLong((RoomCardModel c) -> c.figures().reports()).reversed()
            .thenComparing(RoomCardModel::spiking, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingLong(RoomCardModel::flaggedLastMinute).reversed())
            .thenComparing(Comparator.comparingDouble((RoomCardModel c) -> c.figures().messagesPerSecond()).reversed())
            .thenComparing(c -> c.figures().title())
            .thenComparing(RoomCardModel::room);

    private final Map<String, RoomCardModel> cards = new HashMap<>();
    private final ObservableList<RoomCardModel> shown = FXCollections.observableArrayList();
    private final ObservableList<String> kinds = FXCollections.observableArrayList();
    private final ObservableList<String> cities = FXCollections.observableArrayList();
    /** Null or empty: every kind. */
    private final ObjectProperty<String> kindFilter = new SimpleObjectProperty<>(this, "kindFilter");
    /** Null or empty: every city. */
    private final ObjectProperty<String> cityFilter = new SimpleObjectProperty<>(this, "cityFilter");
    private final IntegerProperty liveRooms = new SimpleIntegerProperty(this, "liveRooms");
    private final WallAlarm alarm;

    public RoomWallModel(WallAlarm alarm) {
        this.alarm = alarm;
        kindFilter.subscribe(k -> reorder());
        cityFilter.subscribe(c -> reorder());
    }

    /** The cards to show, in attention order, filtered. */
    public ObservableList<RoomCardModel> shown() {
        return shown;
    }

    public ObservableList<String> kinds() {
        return kinds;
    }

    public ObservableList<String> cities() {
        return cities;
    }

    public ObjectProperty<String> kindFilterProperty() {
        return kindFilter;
    }

    public ObjectProperty<String> cityFilterProperty() {
        return cityFilter;
    }

    public IntegerProperty liveRoomsProperty() {
        return liveRooms;
    }

    public RoomCardModel card(String room) {
        return cards.get(room);
    }

    /** One frame's summaries (any number, any rooms): cards updated, then one re-order. */
    public void accept(List<RoomFigures> summaries) {
        if (summaries.isEmpty()) {
            return;
        }
        for (RoomFigures f : summaries) {
            if (!f.live()) {
                cards.remove(f.room());
                alarm.forget(f.room());
                continue;
            }
            RoomCardModel card = cards.get(f.room());
            if (card == null) {
                card = new RoomCardModel(f);
                cards.put(f.room(), card);
            } else {
                card.update(f);
            }
            alarm.check(card);
        }
        refreshChoices();
        reorder();
    }

    private void refreshChoices() {
        TreeSet<String> k = new TreeSet<>();
        TreeSet<String> c = new TreeSet<>();
        for (RoomCardModel card : cards.values()) {
            k.add(card.figures().kind());
            if (!card.figures().city().isEmpty()) {
                c.add(card.figures().city());
            }
        }
        if (!kinds.equals(new ArrayList<>(k))) {
            kinds.setAll(k);
        }
        if (!cities.equals(new ArrayList<>(c))) {
            cities.setAll(c);
        }
        liveRooms.set(cards.size());
    }

    private void reorder() {
        String kind = kindFilter.get();
        String city = cityFilter.get();
        List<RoomCardModel> next = new ArrayList<>();
        for (RoomCardModel card : cards.values()) {
            if ((kind == null || kind.isEmpty() || kind.equals(card.figures().kind()))
                    && (city == null || city.isEmpty() || city.equals(card.figures().city()))) {
                next.add(card);
            }
        }
        next.sort(ATTENTION);
        if (!shown.equals(next)) {
            shown.setAll(next);
        }
    }
}
