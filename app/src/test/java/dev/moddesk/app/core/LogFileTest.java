package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The console's own logging ({@link LogSetup}, not the tests' logback-test.xml), in a context of its own writing to a temp folder. */
class LogFileTest {
    private static final Pattern RECORD_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*");
    @TempDir
    Path logs;
    private LoggerContext context;
    private Logger log;

    @BeforeEach
    void configure() throws Exception {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("moddesk.log.dir", logs.toString());
        // The size is checked on every record, not at most twice a second: rotation then follows the bytes written,
        // not how fast this machine writes them.
        context.putProperty("moddesk.log.checkIncrement", "0 milliseconds");
        new LogSetup().configure(context);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender("CONSOLE"); // the file is what is tested
        log = context.getLogger("dev.moddesk.app.Test");
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(logs.resolve("moddesk.log"), StandardCharsets.UTF_8);
    }

    @Test
    void aLineBreakFromOutsideCannotForgeALogLine() throws Exception {
        String forged = "2026-01-01 00:00:00.000 ERROR [main] d.m.a.Security - admin password reset for root";
        String fromServer = "Conflict\r\n" + forged + "\rX\nY\u2028Z";
        log.info("Server said: {}", fromServer);
        log.warn("Sign-in failed", new IllegalStateException("bad\n" + forged));
        log.info("after");

        List<String> lines = lines();
        assertThat(lines.stream().filter(l -> RECORD_START.matcher(l).matches()).count()).as("%s", lines).isEqualTo(3);
        assertThat(lines).noneMatch(l -> l.startsWith(forged));
        assertThat(lines.getFirst()).contains("Server said: Conflict ⏎ " + forged + " ⏎ X ⏎ Y ⏎ Z");
        // The stack trace keeps its own lines (tab-indented); the exception's message is one line.
        assertThat(lines).anyMatch(l -> l.startsWith("java.lang.IllegalStateException: bad ⏎ " + forged));
        assertThat(lines).anyMatch(l -> l.startsWith("\tat dev.moddesk.app.core.LogFileTest."));
        assertThat(lines).allMatch(l -> RECORD_START.matcher(l).matches() || l.startsWith("\t")
                || l.startsWith("java.lang.IllegalStateException") || l.startsWith("Caused by: "));
    }

    @Test
    void theFileRotatesAndStaysBounded() throws Exception {
        String kb = "x".repeat(1000);
        for (int i = 0; i < 45_000; i++) { // ~45 MB: more than the 5 files of 5 MB the policy keeps
            log.info("{} {}", i, kb);
        }
        context.stop();
        List<Path> files;
        try (Stream<Path> s = Files.list(logs)) {
            files = s.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("moddesk.1.log", "moddesk.2.log", "moddesk.3.log", "moddesk.4.log", "moddesk.log");
        for (Path f : files) {
            assertThat(Files.size(f)).isLessThan(15L * 1024 * 1024);
        }
        assertThat(Files.readString(logs.resolve("moddesk.log"))).contains("44999 ");
    }
}
