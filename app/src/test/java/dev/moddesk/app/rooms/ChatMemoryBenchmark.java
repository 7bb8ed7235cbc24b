package dev.moddesk.app.rooms;

import dev.moddesk.screening.WordScreen;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark (not a test): heap held by a monitor's chat buffer per 100,000 messages. Builds the lines as a monitor
 * does ({@link ChatLines}: shared authors among 5,000 users, Chinese text of 6–60 chars, a server hit on 5 % and a
 * 3-term watch list run over every line) into a full {@link ChatLog} (buffer and its window), appended 500 lines a
 * "frame", then measures used heap after GC before and after. Usage: {@code ChatMemoryBenchmark [lines, default
 * 100000]}. Fixed seed, so every run builds the same lines.
 */
public final class ChatMemoryBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ChatMemoryBenchmark.class);
    private static final String WORDS = "今天晚上我们一起聊天唱歌看电影吧哈哈哈好的没问题主播加油房间人好多欢迎新朋友来了"
            + "微信红包礼物点赞关注谢谢大家支持这首歌真好听再来一首";

    private ChatMemoryBenchmark() {
    }

    public static void main(String[] args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long before = usedAfterGc();
        ChatLog log = fill(lines);
        long after = usedAfterGc();
        double mb = (after - before) / (1024.0 * 1024.0);
        double per100k = mb * 100_000 / lines;
        LOG.warn("{} lines buffered ({} in the window): {} MB heap, {} MB per 100,000 lines, {} bytes a line",
                log.size(), log.window().size(), String.format("%.1f", mb), String.format("%.1f", per100k),
                (after - before) / lines);
        Reference.reachabilityFence(log);
    }

    static ChatLog fill(int lines) {
        ChatLines builder = new ChatLines(new WordScreen(List.of("加微信", "红包", "私聊")));
        ChatLog log = new ChatLog(lines);
        Random random = new Random(11);
        List<ChatRow> batch = new ArrayList<>(500);
        long at = 1_764_748_800_000L;
        for (int i = 1; i <= lines; i++) {
            int length = 6 + random.nextInt(55);
            StringBuilder text = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                text.append(WORDS.charAt(random.nextInt(WORDS.length())));
            }
            List<Marks.Mark> hits = random.nextInt(20) == 0
                    ? List.of(new Marks.Mark(1, 3, Marks.SCREENED)) : List.of();
            int user = random.nextInt(5000);
            batch.add(builder.message(i, at + i, "user-" + user, "用户" + user, text.toString(), !hits.isEmpty(), false,
                    hits));
            if (batch.size() == 500) {
                log.append(batch);
                batch = new ArrayList<>(500);
            }
        }
        log.append(batch);
        return log;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
