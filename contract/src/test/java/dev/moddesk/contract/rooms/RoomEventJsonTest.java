package dev.moddesk.contract.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RoomEventJsonTest {
    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static Stream<RoomEventPayload> payloads() {
        Seat seat = new Seat(3, "u1", "小明", true, false);
        return Stream.of(
                new RoomMessage("m1", "u1", "小明<script>", "加微信 abc\u200b", true, List.of(new ScreenHit(0, 3, "contact"))),
                new RoomJoin("u2", "阿花", 12),
                new RoomLeave("u2", "阿花", 11),
                new SeatChange(seat),
                new SongChange(List.of(new Song("s1", "月亮代表我的心", "u1", "小明"))),
                new SourceChange(new WatchSource("电影", "https://v.example/1?x=\"'", "u3", "老王")),
                new SourceChange(null),
                new ModerationAction("a1", "user.mute", "user", "u1", "spam", "st1", "ops.li", Map.of("minutes", "10"), null),
                new SlowModeChange(30, "st1", "ops.li"),
                new RoomClosed(RoomStatus.CLOSED, "abuse", "st1"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void everyEventIsItsStreamFrameAndReadsBack(RoomEventPayload payload) throws Exception {
        RoomEvent event = new RoomEvent("r1", 42, AT, payload);

        String wire = mapper.writeValueAsString(event);
        JsonNode json = mapper.readTree(wire);

        assertThat(json.get("type").asText()).isEqualTo(event.type().wire());
        assertThat(json.get("room").asText()).isEqualTo("r1");
        assertThat(json.get("seq").asLong()).isEqualTo(42);
        assertThat(json.has("roomId")).isFalse();
        assertThat(wire.indexOf("\"type\"")).isEqualTo(wire.lastIndexOf("\"type\""));
        assertThat(mapper.readValue(wire, RoomEvent.class)).isEqualTo(event);
        // the console's decoder looks the payload up by the frame's type
        Class<?> target = RoomStream.payloadTypes().get(json.get("type").asText());
        assertThat(mapper.treeToValue(json.get("payload"), target)).isEqualTo(payload);
    }

    @Test
    void everyTypeHasOneWireNameAndTheAnnotationsAgree() {
        assertThat(Arrays.stream(RoomEventType.values()).map(RoomEventType::wire).distinct())
                .hasSize(RoomEventType.values().length);
        JsonSubTypes subTypes;
        try {
            subTypes = RoomEvent.class.getDeclaredField("payload").getAnnotation(JsonSubTypes.class);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
        assertThat(subTypes.value()).hasSize(RoomEventType.values().length);
        for (var sub : subTypes.value()) {
            assertThat(RoomEventType.fromWire(sub.name()).payloadType()).isEqualTo(sub.value());
        }
    }

    @Test
    void anUnknownTypeIsRefused() {
        String wire = "{\"room\":\"r1\",\"seq\":1,\"at\":\"2026-12-03T12:00:00Z\",\"type\":\"nope\",\"payload\":{}}";
        assertThatThrownBy(() -> mapper.readValue(wire, RoomEvent.class)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> RoomEventType.fromWire("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadSequenceNumberOrGapIsRefused() {
        assertThatThrownBy(() -> new RoomEvent("r1", 0, AT, new RoomJoin("u", "n", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoomStream.Gap(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summariesReadBack() throws Exception {
        RoomSummary card = new RoomSummary("r1", RoomKind.KTV, "周五K歌", "h1", "主持", "上海", RoomStatus.LIVE, AT, 120,
                37.5, 3, 1, 4, 8, 9001);
        RoomStream.Summaries frame = new RoomStream.Summaries(AT, List.of(card));
        String wire = mapper.writeValueAsString(frame);
        assertThat(mapper.readValue(wire, RoomStream.Summaries.class)).isEqualTo(frame);
    }
}
