package dev.moddesk.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Categories, actions and expiry of list entries. */
class WordListEntriesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = now::get;

    @Test
    void hitsReportTheirTermsCategoryAndAction() {
        WordScreen s = WordScreen.of(List.of(
                new ScreenTerm("加微信", "引流", ScreenAction.HOLD, null),
                new ScreenTerm("刷单", "诈骗", ScreenAction.FLAG, null)), clock);
        assertThat(s.find("刷单请加微信")).containsExactly(
                new ScreenHit(0, 2, "刷单", "诈骗", ScreenAction.FLAG),
                new ScreenHit(3, 6, "加微信", "引流", ScreenAction.HOLD));
        assertThat(s.holds("刷单请加 微 信")).isTrue();
        assertThat(s.holds("刷单")).isFalse();
        assertThat(s.matchesAny("刷单")).isTrue();
    }

    @Test
    void theSameTermInTwoCategoriesHitsOnceForEach() {
        WordScreen s = WordScreen.of(List.of(
                new ScreenTerm("代练", "广告", ScreenAction.FLAG, null),
                new ScreenTerm("代 练", "游戏", ScreenAction.HOLD, null),
                new ScreenTerm("代練", "广告", ScreenAction.FLAG, null)), clock);
        assertThat(s.termCount()).isEqualTo(2);
        assertThat(s.find("找代练吗")).extracting(ScreenHit::category, ScreenHit::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("广告", ScreenAction.FLAG),
                        org.assertj.core.groups.Tuple.tuple("游戏", ScreenAction.HOLD));
    }

    @Test
    void aTermStopsMatchingAtItsExpiry() {
        Instant expiry = T0.plusSeconds(3600);
        WordScreen s = WordScreen.of(List.of(
                new ScreenTerm("限时活动", "营销", ScreenAction.FLAG, expiry),
                new ScreenTerm("活动", "营销", ScreenAction.FLAG, null)), clock);
        assertThat(s.find("限时活动")).extracting(ScreenHit::term).containsExactly("限时活动", "活动");
        now.set(expiry.minusMillis(1));
        assertThat(s.find("限时活动")).extracting(ScreenHit::term).containsExactly("限时活动", "活动");
        now.set(expiry);
        assertThat(s.find("限时活动")).extracting(ScreenHit::term).containsExactly("活动");
        assertThat(s.count("限时活动")).isEqualTo(1);
        now.set(expiry.plusSeconds(86_400));
        assertThat(s.matchesAny("限时")).isFalse();
    }

    @Test
    void anExpiredHoldNoLongerHolds() {
        WordScreen s = WordScreen.of(List.of(new ScreenTerm("私聊", "引流", ScreenAction.HOLD, T0.plusSeconds(60))), clock);
        assertThat(s.holds("私聊我")).isTrue();
        now.set(T0.plusSeconds(60));
        assertThat(s.holds("私聊我")).isFalse();
        assertThat(s.find("私聊我")).isEmpty();
    }

    @Test
    void theClockIsReadOnlyWhenAnExpiringTermMatches() {
        int[] reads = {0};
        WordScreen s = WordScreen.of(List.of(
                new ScreenTerm("限时", "营销", ScreenAction.FLAG, T0.plusSeconds(60)),
                ScreenTerm.flag("加微信")), () -> {
                    reads[0]++;
                    return T0;
                });
        s.find("加微信 你好");
        assertThat(reads[0]).isZero();
        s.find("限时");
        assertThat(reads[0]).isEqualTo(1);
    }

    @Test
    void replacingTheListSwapsCategoriesToo() {
        WordScreen s = WordScreen.of(List.of(new ScreenTerm("福利", "营销", ScreenAction.FLAG, null)), clock);
        s.replaceList(List.of(new ScreenTerm("福利", "色情", ScreenAction.HOLD, null)));
        assertThat(s.find("福利")).containsExactly(new ScreenHit(0, 2, "福利", "色情", ScreenAction.HOLD));
    }

    @Test
    void entriesRejectMissingOrOversizedFields() {
        assertThatThrownBy(() -> new ScreenTerm(null, "c", ScreenAction.FLAG, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScreenTerm("x", " ", ScreenAction.FLAG, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScreenTerm("x", "c", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScreenTerm("x".repeat(201), "c", ScreenAction.FLAG, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScreenTerm("x", "c".repeat(65), ScreenAction.FLAG, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ScreenTerm("  加微信 ", " 引流 ", ScreenAction.FLAG, null))
                .isEqualTo(new ScreenTerm("加微信", "引流", ScreenAction.FLAG, null));
    }

    @Test
    void hostileTermsAndCategoriesAreJustText() {
        WordScreen s = WordScreen.of(List.of(
                new ScreenTerm("<script>alert(1)</script>", "'; DROP TABLE terms;--", ScreenAction.HOLD, null),
                new ScreenTerm("\u202Eofni\u200B", "\u0000cat", ScreenAction.FLAG, null)), clock);
        assertThat(s.find("<SCRIPT>alert(1)</SCRIPT>")).extracting(ScreenHit::term, ScreenHit::start, ScreenHit::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("<script>alert(1)</script>", 1, 24));
        assertThat(s.find("o.f.n.i")).extracting(ScreenHit::category).containsExactly("\u0000cat");
    }
}
