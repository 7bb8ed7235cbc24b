package dev.moddesk.app.rooms;

import dev.moddesk.app.api.stream.StreamFrame;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.contract.rooms.ScreenHit;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.Song;
import dev.moddesk.contract.rooms.WatchSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rooms, messages and frames the rooms tests feed: their own data, never the simulator's. */
final class RoomFixtures {
    static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    private RoomFixtures() {
    }

    static RoomSummary summary(String id, RoomKind kind, String title, String city, double rate, long flagged,
                               long reports) {
        int seats = kind == RoomKind.VOICE ? 8 : 0;
        return new RoomSummary(id, kind, title, "host-" + id, "房主" + id, city, RoomStatus.LIVE, T0, 120, rate, flagged,
                reports, seats == 0 ? 0 : 3, seats, 0);
    }

    static RoomDetail detail(RoomSummary s) {
        List<Seat> seats = new ArrayList<>();
        if (s.kind() == RoomKind.VOICE) {
            for (int i = 1; i <= 8; i++) {
                seats.add(i <= 3 ? new Seat(i, "u" + i, "麦上" + i, i == 2, false) : new Seat(i, null, null, false, i == 8));
            }
        }
        List<Song> songs = s.kind() == RoomKind.KTV
                ? List.of(new Song("s1", "后来", "u9", "小美"), new Song("s2", "晴天", "u8", "阿杰")) : List.of();
        WatchSource source = s.kind() == RoomKind.WATCH_TOGETHER
                ? new WatchSource("电影之夜", "https://video.example/watch?v=1", "u7", "小林") : null;
        return new RoomDetail(s, seats, songs, source, 0, List.of());
    }

    static RoomMessage message(String user, String text, boolean flagged, ScreenHit... hits) {
        return new RoomMessage("m-" + text.hashCode(), user, "昵称" + user, text, flagged, List.of(hits));
    }

    static StreamFrame frame(String room, long seq, RoomMessage m) {
        return new StreamFrame("message", room, seq, m, T0.plusSeconds(seq).toEpochMilli());
    }

    static RoomEvent event(String room, long seq, RoomMessage m) {
        return new RoomEvent(room, seq, T0.plusSeconds(seq), m);
    }

    static StreamFrame summaries(Instant at, RoomSummary... rooms) {
        return new StreamFrame(RoomStream.SUMMARIES, null, 0, new RoomStream.Summaries(at, List.of(rooms)),
                at.toEpochMilli());
    }

    /** {@code n} plain messages from seq {@code from}, users u0..u4 in turn. */
    static List<StreamFrame> chat(String room, long from, int n) {
        List<StreamFrame> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long seq = from + i;
            out.add(frame(room, seq, message("u" + (seq % 5), "第" + seq + "条消息", false)));
        }
        return out;
    }
}
