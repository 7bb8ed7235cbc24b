package dev.moddesk.app.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The console's logging, set up in code (logback finds it as a {@link Configurator} service of this module, so it runs
 * on the module path only; tests on the class path keep their logback-test.xml): stdout, and a rotating file
 * {@code moddesk.log} in {@code moddesk.log.dir} (the launcher sets it from {@link AppPaths#logDir}), at most 5 files
 * of 5 MB. Code rather than a logback.xml because reading the XML (Joran's parser, reflection on every element) was
 * the largest part of the start-up warm-up thread's work, on a core the toolkit start shares.
 *
 * <p>A message or exception text from outside (a server's problem detail, a file name) cannot forge log lines: a line
 * break in it is written as " ⏎ ", except the lines of a stack trace (those start with a tab or "Caused by:").
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%replace(%thread){'[\\r\\n]', ' '}] %logger{24}"
            + " - %replace(%msg){'\\r\\n|\\r|\\n|\\u2028|\\u2029', ' ⏎ '}%n"
            + "%replace(%ex){'\\r\\n(?!\\t|Caused by: |\\z)|\\r(?!\\n|\\z)|\\n(?!\\t|Caused by: |\\z)', ' ⏎ '}%nopex";
    static final String LOG_DIR = "moddesk.log.dir";
    /** How often the file's size is checked (logback's duration syntax); tests set 0 to rotate by bytes alone. */
    static final String CHECK_INCREMENT = "moddesk.log.checkIncrement";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        setContext(context);
        String dir = setting(context, LOG_DIR, Path.of(System.getProperty("java.io.tmpdir"), "moddesk-logs").toString());
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console(context));
        root.addAppender(file(context, Path.of(dir), setting(context, CHECK_INCREMENT, "500 milliseconds")));
        context.getLogger("dev.moddesk").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A setting from the context's properties (tests), else the system's, else {@code fallback}. */
    private static String setting(LoggerContext context, String name, String fallback) {
        String value = context.getProperty(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder(context));
        console.start();
        return console;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path dir, String checkIncrement) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve("moddesk.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        // The folder is ours, but a '%' in a user's path would read as a pattern token: escape it as logback does.
        rolling.setFileNamePattern(dir.toString().replace("%", "\\%") + "/moddesk.%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(4);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.setCheckIncrement(Duration.valueOf(checkIncrement));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(context));
        file.start();
        return file;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }
}
