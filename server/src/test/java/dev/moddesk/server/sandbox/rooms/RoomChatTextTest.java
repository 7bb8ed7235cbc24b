package dev.moddesk.server.sandbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.screening.ScreenAction;
import dev.moddesk.screening.ScreenTerm;
import dev.moddesk.screening.WordScreen;
import dev.moddesk.server.review.ReviewScreen;
import dev.moddesk.server.sandbox.SandboxWordList;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the simulated rooms say: varied Chinese chat, and spam whose evasions the shared screening still catches. */
class RoomChatTextTest {

    private static final Pattern HAN = Pattern.compile(".*\\p{IsHan}.*", Pattern.DOTALL);
    private final WordScreen screen = ReviewScreen.bundled().words();

    @Test
    void ordinaryChatIsVariedChineseWithSomeEmojiAndEnglish() {
        ChatLines chat = new ChatLines(new SplittableRandom(7));
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            lines.add(chat.next(RoomKind.values()[i % 4], i % 5 == 0 ? "小鹿" : null, "成都"));
        }
        assertThat(lines.stream().filter(l -> HAN.matcher(l).matches()).count()).isGreaterThan(9_000);
        assertThat(new HashSet<>(lines)).hasSizeGreaterThan(3_000);
        assertThat(lines).anyMatch(l -> l.codePoints().anyMatch(c -> c >= 0x1F300)) // emoji
                .anyMatch(l -> l.matches(".*[A-Za-z]{3,}.*"))
                .anyMatch(l -> l.startsWith("@小鹿"))
                .anyMatch(l -> l.contains("点了一首") || l.contains("求唱")) // KTV talk
                .anyMatch(l -> l.contains("麦")); // voice-room talk
        // Ordinary chat is not what the screen is for.
        assertThat(lines.stream().filter(screen::matchesAny).count()).isLessThan(100);
    }

    /** The sandbox's starter word list, as the server screens with it. */
    private static WordScreen sandboxList() {
        return WordScreen.of(SandboxWordList.starter().stream().map(t -> new ScreenTerm(t.term(), t.category(),
                ScreenAction.valueOf(t.action()), null)).toList(), Instant::now);
    }

    @Test
    void everyContactSellingShapeIsFlaggedAndMostHideTheWordsFromAPlainSearch() {
        String[] shapes = AbuseLines.contactShapes();
        assertThat(shapes).allSatisfy(line -> assertThat(screen.find(line)).as(line).isNotEmpty());
        WordScreen sandbox = sandboxList();
        assertThat(shapes).allSatisfy(line -> assertThat(sandbox.find(line)).as(line).isNotEmpty());
        assertThat(Arrays.stream(shapes).filter(sandbox::holds).count()).isGreaterThanOrEqualTo(12);
        long evasive = Arrays.stream(shapes).filter(l -> !l.contains("加微信") && !l.toLowerCase().contains("vx")
                && !l.contains("微信")).count();
        assertThat(evasive).isGreaterThanOrEqualTo(6); // spaces, dots, zero-width, full-width, styled, repeats …
        assertThat(shapes).anyMatch(l -> l.contains("\u200b")).anyMatch(l -> l.contains("ＶＸ"))
                .anyMatch(l -> l.contains("𝐯𝐱")).anyMatch(l -> l.contains("加加微微信信"));
        // The matcher's offsets cover the evasion itself: 加.微.信 is highlighted from 加 to 信.
        var hit = sandbox.find("你好 加.微.信：mm1234").getFirst();
        assertThat("你好 加.微.信：mm1234".substring(hit.start(), hit.end())).isEqualTo("加.微.信");
    }

    @Test
    void theRoomsCarrySomeSpamAndAbuseAmongTheChatAndTheScreenFlagsIt() {
        SimulatedPopulation population = new SimulatedPopulation();
        RoomsSimulation simulation = new RoomsSimulation(new SplittableRandom(3), population, "t", null,
                new RoomsSimulation.Settings(36, 5_000, 0, null, Duration.ofMinutes(1)));
        RecordingSink sink = new RecordingSink();
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        simulation.start(now, sink);
        for (int i = 0; i < 100; i++) {
            now = now.plusMillis(100);
            simulation.advance(now, sink);
        }
        long flagged = sink.lines.stream().filter(l -> screen.matchesAny(l.text())).count();
        assertThat(flagged).as("flagged of %d", sink.lines.size()).isBetween(100L, 5_000L);
        Set<String> insults = Set.of("滚出去", "脑残", "垃圾主播", "你是傻逼吧");
        assertThat(sink.lines).anyMatch(l -> insults.contains(l.text()));
        assertThat(sink.lines).anyMatch(l -> l.text().contains("\u200b") && screen.matchesAny(l.text()));
    }
}
