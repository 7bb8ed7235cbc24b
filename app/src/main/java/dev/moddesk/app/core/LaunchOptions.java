package dev.moddesk.app.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the command line asked for: {@code --sandbox}, {@code --server <url>}, {@code --user <name>},
 * {@code --lang zh-CN|en}, {@code --theme light|dark}, {@code --server-jar <path>}, {@code --ca-file <path>} (the private
 * CA that signed the server's certificate, for {@code --server}).
 */
public record LaunchOptions(boolean sandbox, String server, String user, Locale language, Theme theme, Path serverJar,
                            Path caFile) {

    public LaunchOptions(boolean sandbox, String server, String user, Locale language, Theme theme, Path serverJar) {
        this(sandbox, server, user, language, theme, serverJar, null);
    }

    public static LaunchOptions parse(List<String> args) {
        boolean sandbox = false;
        String server = null;
        String user = null;
        Locale language = null;
        Theme theme = null;
        Path jar = null;
        Path caFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--sandbox" -> sandbox = true;
                case "--server" -> server = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--lang" -> language = I18n.parseLanguage(value(args, ++i, a))
                        .orElseThrow(() -> new IllegalArgumentException("--lang takes zh-CN or en"));
                case "--theme" -> theme = Theme.parse(value(args, ++i, a))
                        .orElseThrow(() -> new IllegalArgumentException("--theme takes light or dark"));
                case "--server-jar" -> jar = Path.of(value(args, ++i, a));
                case "--ca-file" -> caFile = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("Unknown option " + a
                        + " (use --sandbox, --server URL, --user NAME, --lang zh-CN|en, --theme light|dark,"
                        + " --server-jar PATH, --ca-file PATH)");
            }
        }
        return new LaunchOptions(sandbox, server, user, language, theme, jar, caFile);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** The server jar: {@code --server-jar}, else the {@code moddesk.server.jar} system property. */
    public Optional<Path> resolvedServerJar() {
        if (serverJar != null) {
            return Optional.of(serverJar);
        }
        String prop = System.getProperty("moddesk.server.jar");
        return prop == null || prop.isBlank() ? Optional.empty() : Optional.of(Path.of(prop));
    }
}
