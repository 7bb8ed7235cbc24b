package dev.moddesk.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test console holds of one room: the last sequence number, the duplicates it dropped, the gaps the server
 * reported, and any jump the server did not report (which fails the test).
 */
final class SeqLedger {
    final String room;
    long last;
    long delivered;
    long duplicates;
    final List<long[]> gaps = new ArrayList<>();

    SeqLedger(String room) {
        this.room = room;
    }

    /** Takes one frame; true when it was a new event of this room. */
    boolean take(JsonNode frame) {
        if (!room.equals(frame.path("room").asText(null))) {
            return false;
        }
        String type = frame.path("type").asText();
        if (type.equals("gap")) {
            long from = frame.path("payload").path("from").asLong();
            long to = frame.path("payload").path("to").asLong();
            // it starts after the position the console resumed from, which may be behind what it holds
            assertThat(from).as("a gap leaves nothing unaccounted before it").isLessThanOrEqualTo(last + 1);
            if (to > last) {
                gaps.add(new long[] {last + 1, to});
                last = to;
            }
            return false;
        }
        if (!frame.has("seq") || frame.path("seq").asLong() == 0) {
            return false; // resumed, lagging
        }
        long seq = frame.path("seq").asLong();
        if (seq <= last) {
            duplicates++;
            return false;
        }
        assertThat(seq).as("no unreported jump after " + last).isEqualTo(last + 1);
        last = seq;
        delivered++;
        return true;
    }

    long gapped() {
        return gaps.stream().mapToLong(g -> g[1] - g[0] + 1).sum();
    }
}
