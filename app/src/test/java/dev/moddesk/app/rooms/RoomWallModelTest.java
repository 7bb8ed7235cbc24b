package dev.moddesk.app.rooms;

import static dev.moddesk.app.rooms.RoomFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.Events;
import dev.moddesk.app.testing.TestContext;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStatus;
import dev.moddesk.contract.rooms.RoomSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wall's order (attention first), its filters, and the threshold notifications. */
class RoomWallModelTest {
    @TempDir
    Path config;
    private TestContext ctx;

    private RoomWallModel wall(double rateThreshold) {
        ctx = new TestContext(config);
        return new RoomWallModel(new WallAlarm(ctx.bus, ctx.i18n, rateThreshold));
    }

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private static RoomFigures f(RoomSummary s) {
        return RoomsHub.figures(s);
    }

    private static List<String> order(RoomWallModel wall) {
        return wall.shown().stream().map(RoomCardModel::room).toList();
    }

    private List<String> notifications() {
        return ctx.events.stream().map(e -> ((Events.NotificationEvent) e).message()).toList();
    }

    @Test
    void reportsComeFirstThenSpikesThenFlaggedThenTheBusiest() {
        RoomWallModel wall = wall(10_000);
        for (int tick = 0; tick < 10; tick++) {
            wall.accept(List.of(
                    f(summary("quiet", RoomKind.FRIENDS, "安静", "北京", 2, 0, 0)),
                    f(summary("busy", RoomKind.VOICE, "热闹", "上海", 300, 0, 0)),
                    f(summary("flagged", RoomKind.KTV, "有违规", "北京", 5, tick * 3L, 0)),
                    f(summary("spiky", RoomKind.FRIENDS, "突增", "成都", tick == 9 ? 200 : 10, 0, 0)),
                    f(summary("reported", RoomKind.WATCH_TOGETHER, "被举报", "上海", 1, 0, tick >= 8 ? 1 : 0))));
        }
        assertThat(order(wall)).containsExactly("reported", "spiky", "flagged", "busy", "quiet");
        assertThat(wall.card("spiky").spiking()).isTrue();
        assertThat(wall.card("flagged").flaggedLastMinute()).isEqualTo(27);
        assertThat(wall.card("busy").rateHistory()).hasSize(10).containsOnly(300.0);
    }

    @Test
    void filtersByKindAndCity() {
        RoomWallModel wall = wall(10_000);
        wall.accept(List.of(f(summary("a", RoomKind.VOICE, "A", "北京", 1, 0, 0)),
                f(summary("b", RoomKind.VOICE, "B", "上海", 2, 0, 0)),
                f(summary("c", RoomKind.KTV, "C", "北京", 3, 0, 0))));
        assertThat(wall.kinds()).containsExactly("KTV", "VOICE");
        assertThat(wall.cities()).containsExactly("上海", "北京");
        wall.kindFilterProperty().set("VOICE");
        assertThat(order(wall)).containsExactly("b", "a");
        wall.cityFilterProperty().set("北京");
        assertThat(order(wall)).containsExactly("a");
        wall.kindFilterProperty().set("");
        assertThat(order(wall)).containsExactly("c", "a");
    }

    @Test
    void aRoomThatEndsLeavesTheWall() {
        RoomWallModel wall = wall(10_000);
        RoomSummary live = summary("a", RoomKind.FRIENDS, "A", "北京", 1, 0, 0);
        wall.accept(List.of(f(live)));
        RoomSummary ended = new RoomSummary("a", RoomKind.FRIENDS, "A", "h", "H", "北京", RoomStatus.ENDED,
                RoomFixtures.T0, 0, 0, 0, 0, 0, 0, 9);
        wall.accept(List.of(f(ended)));
        assertThat(wall.shown()).isEmpty();
        assertThat(wall.liveRoomsProperty().get()).isZero();
    }

    @Test
    void crossingTheRateThresholdNotifiesOnceUntilTheRateStaysBelowTheLine() {
        RoomWallModel wall = wall(500);
        List<Double> rates = new java.util.ArrayList<>(List.of(100.0, 520.0, 600.0, 480.0, 700.0, 300.0, 510.0));
        for (int i = 0; i < WallAlarm.QUIET_SUMMARIES; i++) {
            rates.add(300.0);
        }
        rates.add(505.0);
        for (double r : rates) {
            wall.accept(List.of(f(summary("hot", RoomKind.FRIENDS, "热门房间", "北京", r, 0, 0))));
        }
        assertThat(notifications()).filteredOn(m -> m.contains("reached"))
                .as("520 notifies; 600, 480, 700 do not; nor 510 after one quiet summary; 505 after ten does")
                .containsExactly("热门房间 reached 520 messages per second.",
                        "热门房间 reached 505 messages per second.");
    }

    @Test
    void aNewUserReportNotifies() {
        RoomWallModel wall = wall(10_000);
        wall.accept(List.of(f(summary("r", RoomKind.FRIENDS, "房间<script>", "北京", 1, 0, 0))));
        wall.accept(List.of(f(summary("r", RoomKind.FRIENDS, "房间<script>", "北京", 1, 0, 2))));
        wall.accept(List.of(f(summary("r", RoomKind.FRIENDS, "房间<script>", "北京", 1, 0, 2))));
        assertThat(notifications()).containsExactly("房间<script> has 2 open user reports.");
    }
}
