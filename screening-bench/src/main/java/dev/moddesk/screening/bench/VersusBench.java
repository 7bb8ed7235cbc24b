package dev.moddesk.screening.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Before/after in one process: this jar's {@code WordScreen} against the one in another build of the bench jar (an
 * older commit's), each loaded in its own class loader, same terms and messages, one pass of each alternately, many
 * times, summing each side's time. Both sides are called the same way (a method handle per message), so the ratio
 * compares the matchers, and both see the same machine load from moment to moment.
 *
 * <p>Usage: {@code java -jar screening-bench.jar versus <other screening-bench.jar> [pairs, default 300]}.
 */
final class VersusBench {

    private VersusBench() {
    }

    static void run(Path other, int pairs) throws Throwable {
        List<String> terms = ChatCorpus.terms(ScreeningBenchmark.TERMS, ScreeningBenchmark.TERM_SEED);
        String[] messages = ChatCorpus.messages(ScreeningBenchmark.MESSAGES, ScreeningBenchmark.CHAT_SEED)
                .toArray(String[]::new);
        long chars = 0;
        for (String m : messages) {
            chars += m.length();
        }
        URL self = VersusBench.class.getProtectionDomain().getCodeSource().getLocation();
        MethodHandle ours = counter(self, terms);
        MethodHandle theirs = counter(other.toUri().toURL(), terms);
        long sink = 0;
        for (int w = 0; w < pairs / 3; w++) {
            sink += pass(ours, messages) + pass(theirs, messages);
        }
        long oursNanos = 0;
        long theirsNanos = 0;
        for (int p = 0; p < pairs; p++) {
            long t0 = System.nanoTime();
            sink += pass(theirs, messages);
            long t1 = System.nanoTime();
            sink += pass(ours, messages);
            long t2 = System.nanoTime();
            theirsNanos += t1 - t0;
            oursNanos += t2 - t1;
        }
        System.out.printf(Locale.ROOT, "versus, %d alternating passes each (hits %d):%n", pairs, sink);
        System.out.printf(Locale.ROOT, "other jar (%s) : %6.1f M chars/s%n", other.getFileName(),
                chars * pairs / (theirsNanos / 1e9) / 1e6);
        System.out.printf(Locale.ROOT, "this jar                       : %6.1f M chars/s%n",
                chars * pairs / (oursNanos / 1e9) / 1e6);
        System.out.printf(Locale.ROOT, "speed-up this / other          : %6.2f%n", (double) theirsNanos / oursNanos);
    }

    /** {@code new WordScreen(terms)::count} from the jar at {@code jar}, in a class loader of its own. */
    private static MethodHandle counter(URL jar, List<String> terms) throws Throwable {
        ClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        Class<?> type = Class.forName("dev.moddesk.screening.WordScreen", true, loader);
        Object screen = type.getConstructor(Collection.class).newInstance(terms);
        return MethodHandles.publicLookup().findVirtual(type, "count", MethodType.methodType(int.class,
                CharSequence.class)).bindTo(screen).asType(MethodType.methodType(int.class, CharSequence.class));
    }

    private static long pass(MethodHandle count, String[] messages) throws Throwable {
        long hits = 0;
        for (String m : messages) {
            hits += (int) count.invokeExact((CharSequence) m);
        }
        return hits;
    }
}
