package dev.moddesk.app.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongConsumer;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The moment a window is first on screen, for the start-up benchmark: after the stage is shown, the first pulse renders
 * its scene; the pulse after that finds the frame done. Reported once, in milliseconds since the process started, as
 * {@value #LINE_PREFIX}{@code N} (the console logs it, the floor window prints it; scripts/bench-startup.sh reads it).
 */
public final class FirstPaint {
    public static final String LINE_PREFIX = "moddesk.firstPaint uptimeMs=";

    private static final boolean TRACE = Boolean.getBoolean("moddesk.startup.trace");
    private static final StringBuilder MARKS = new StringBuilder();

    private FirstPaint() {
    }

    /**
     * With {@code -Dmoddesk.startup.trace=true}: notes the process's age now and the CPU time of the calling thread so
     * far ({@code name=ageMs/cpuMs}), for {@link #marks()}. The CPU time tells work from waiting on a busy machine.
     */
    public static synchronized void mark(String what) {
        if (TRACE) {
            MARKS.append(' ').append(what).append('=').append(uptimeMillis()).append('/').append(threadCpuMillis());
        }
    }

    /** CPU time (user + system) of the calling thread in ms, from /proc on Linux (10 ms steps); -1 elsewhere. */
    private static long threadCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The marks so far ({@code name=ageMs/cpuMs ...}), empty unless tracing. */
    public static synchronized String marks() {
        return MARKS.toString().strip();
    }

    /** Calls {@code report} with the process's age in ms once the stage's first frame has been painted. */
    public static void whenPainted(Stage stage, LongConsumer report) {
        Runnable arm = () -> {
            Scene scene = stage.getScene();
            if (scene == null) {
                return;
            }
            int[] pulses = {0};
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                if (++pulses[0] == 1) {
                    mark("laidOut");
                    javafx.application.Platform.requestNextPulse(); // the frame of this pulse is being rendered
                    return;
                }
                scene.removePostLayoutPulseListener(listener[0]);
                mark("painted");
                report.accept(uptimeMillis());
            };
            scene.addPostLayoutPulseListener(listener[0]);
            javafx.application.Platform.requestNextPulse();
        };
        if (stage.isShowing()) {
            arm.run();
        } else {
            stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, new javafx.event.EventHandler<>() {
                @Override
                public void handle(javafx.stage.WindowEvent e) {
                    stage.removeEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, this);
                    arm.run();
                }
            });
        }
    }

    /**
     * Milliseconds since the operating system started this process (not just the JVM). On Linux from
     * {@code /proc/self/stat} and {@code /proc/uptime} (10 ms steps); elsewhere from {@link ProcessHandle}, whose start
     * time there may be rounded to the second.
     */
    public static long uptimeMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]); // field 22, counted from field 3 after the command name
            double sinceBoot = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round(sinceBoot * 1000) - startTicks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant()
                    .map(start -> Instant.now().toEpochMilli() - start.toEpochMilli())
                    .orElse(-1L);
        }
    }

    /** USER_HZ: 100 on every Linux architecture the console runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
}
