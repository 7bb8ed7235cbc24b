import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start of the console against the minimal-window floor, in one run: starts each command in turn (floor and
 * console alternating, the order flipped every round), takes the time from {@code ProcessBuilder.start()} to the
 * {@code moddesk.firstPaint uptimeMs=N} line on the process's output, then stops the process. Prints every run, the
 * median and p90 of each, and the ratio of the medians. Started by scripts/bench-startup.sh; any launcher works (the
 * packaged app image too), as long as it prints the first-paint line.
 *
 * <p>Usage: {@code java scripts/BenchStartup.java --runs N --app "COMMAND" --floor "COMMAND"}; a command is split on
 * spaces, and single or double quotes keep a word with spaces together.
 */
public final class BenchStartup {
    private static final Pattern LINE = Pattern.compile("moddesk\\.firstPaint uptimeMs=(-?\\d+)");
    private static final long TIMEOUT_S = 90;

    private record Run(long wallMs, long reportedMs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 10;
        List<String> app = null;
        List<String> floor = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--app" -> app = words(args[++i]);
                case "--floor" -> floor = words(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (app == null || floor == null || runs < 1) {
            throw new IllegalArgumentException("usage: BenchStartup --runs N --app \"COMMAND\" --floor \"COMMAND\"");
        }
        System.out.println("load average before: " + loadAverage());
        System.out.println("app:   " + String.join(" ", app));
        System.out.println("floor: " + String.join(" ", floor));
        // One unmeasured start of each first: file cache and fonts warm, as on a desktop that has run it before.
        measure(floor);
        measure(app);
        List<Run> floorRuns = new ArrayList<>();
        List<Run> appRuns = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            boolean floorFirst = i % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean isFloor = (k == 0) == floorFirst;
                Run r = measure(isFloor ? floor : app);
                (isFloor ? floorRuns : appRuns).add(r);
                System.out.printf("run %2d %-5s %5d ms (process age reported %d ms)%n", i + 1, isFloor ? "floor" : "app",
                        r.wallMs(), r.reportedMs());
            }
        }
        System.out.println("load average after: " + loadAverage());
        long floorMedian = summary("floor", floorRuns);
        long appMedian = summary("app", appRuns);
        double ratio = (double) appMedian / floorMedian;
        System.out.printf("ratio app/floor (medians): %.2f%n", ratio);
        System.out.printf("targets: ratio <= 1.5 %s, app median <= 1000 ms %s%n", ratio <= 1.5 ? "met" : "NOT met",
                appMedian <= 1000 ? "met" : "NOT met");
    }

    private static Run measure(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        CompletableFuture<Run> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = LINE.matcher(line);
                    if (m.find()) {
                        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        return new Run(wall, Long.parseLong(m.group(1)));
                    }
                }
                throw new IllegalStateException("the process ended without a first-paint line: " + command);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return seen.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no first-paint line within " + TIMEOUT_S + " s: " + command, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static long summary(String name, List<Run> runs) {
        List<Long> ms = runs.stream().map(Run::wallMs).sorted().toList();
        long median = ms.size() % 2 == 1 ? ms.get(ms.size() / 2)
                : Math.round((ms.get(ms.size() / 2 - 1) + ms.get(ms.size() / 2)) / 2.0);
        long p90 = ms.get((int) Math.ceil(0.9 * ms.size()) - 1);
        System.out.printf("%-5s n=%d median %d ms, p90 %d ms, min %d ms, max %d ms%n", name, ms.size(), median, p90,
                ms.getFirst(), ms.getLast());
        return median;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** A command line split on spaces; quotes keep words with spaces together. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !word.isEmpty()) {
                    out.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + line);
        }
        if (any || !word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }
}
