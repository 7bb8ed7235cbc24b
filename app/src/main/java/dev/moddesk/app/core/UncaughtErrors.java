package dev.moddesk.app.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an exception nobody caught, on any thread: it is logged, then handed to the sink the running
 * console installed (the error dialog). Installed as the JVM's default handler and on the FX thread; the console's own
 * thread pools use it too.
 */
public final class UncaughtErrors implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrors.class);
    private static final UncaughtErrors INSTANCE = new UncaughtErrors();
    private static volatile BiConsumer<Thread, Throwable> sink;

    private UncaughtErrors() {
    }

    public static UncaughtErrors handler() {
        return INSTANCE;
    }

    /** Makes {@code show} see every uncaught exception from now on (the JVM default and the calling thread). */
    public static void install(BiConsumer<Thread, Throwable> show) {
        sink = show;
        Thread.setDefaultUncaughtExceptionHandler(INSTANCE);
        Thread.currentThread().setUncaughtExceptionHandler(INSTANCE);
    }

    /** Stops showing them (they are still logged). */
    public static void uninstall() {
        sink = null;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        LOG.error("Uncaught in {}", thread.getName(), error);
        BiConsumer<Thread, Throwable> s = sink;
        if (s != null) {
            try {
                s.accept(thread, error);
            } catch (RuntimeException e) {
                LOG.error("Could not show the error", e);
            }
        }
    }

    /** The text a person copies to report the error: version, Java, OS, thread and the whole stack trace. */
    public static String details(Thread thread, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String version = UncaughtErrors.class.getModule().getDescriptor() == null ? "dev"
                : UncaughtErrors.class.getModule().getDescriptor().rawVersion().orElse("dev");
        return String.format(Locale.ROOT, "ModDesk %s, Java %s, %s %s (%s)%nThread: %s%n%n%s", version,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), thread.getName(), trace);
    }
}
