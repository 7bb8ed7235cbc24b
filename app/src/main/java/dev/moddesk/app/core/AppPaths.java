package dev.moddesk.app.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that knows where the console keeps files: per-user config, per-user data (the review outbox) and
 * the sandbox server's data, per OS. System properties {@code moddesk.config.dir}, {@code moddesk.data.dir} and
 * {@code moddesk.sandbox.dir} override them.
 */
public final class AppPaths {
    /** Longest folder name made from a server's or user's name; file systems stop at 255 bytes. */
    static final int MAX_SEGMENT = 120;
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com0",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt0", "conin$", "conout$");

    private AppPaths() {
    }

    public static Path configDir() {
        String override = System.getProperty("moddesk.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return osBase(true).resolve(appFolder());
    }

    public static Path sandboxDataDir() {
        String override = System.getProperty("moddesk.sandbox.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return osBase(false).resolve(appFolder()).resolve("sandbox");
    }

    /**
     * Where the console's log files go: {@code moddesk.log.dir} when set; else Linux {@code $XDG_STATE_HOME/moddesk/logs}
     * (default {@code ~/.local/state}), Windows {@code %LOCALAPPDATA%\ModDesk\logs}, macOS {@code ~/Library/Logs/ModDesk}.
     */
    public static Path logDir() {
        String override = System.getProperty("moddesk.log.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return logDir(System.getProperty("os.name", ""), System::getenv, Path.of(System.getProperty("user.home")));
    }

    static Path logDir(String osName, java.util.function.UnaryOperator<String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.apply("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("ModDesk").resolve("logs");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Logs").resolve("ModDesk");
        }
        String state = env.apply("XDG_STATE_HOME");
        // XDG: a relative path in the variable is invalid and is to be ignored.
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                : home.resolve(".local").resolve("state");
        return base.resolve("moddesk").resolve("logs");
    }

    /**
     * Where per-user data lives: {@code moddesk.data.dir} when set; beside the config when the console runs on a
     * config dir of its own (tests, portable installs), so such a run never touches the user's real data; else the
     * OS data dir.
     */
    public static Path dataDir(Path configDir) {
        String override = System.getProperty("moddesk.data.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        if (!configDir.toAbsolutePath().normalize().equals(configDir().toAbsolutePath().normalize())) {
            return configDir;
        }
        return osBase(false).resolve(appFolder());
    }

    /**
     * A user's review outbox: {@code <dataDir>/outbox/<host>_<port>/<user>}, one per server and account so two
     * accounts never share one. Host and user name come from the server and the sign-in form, so they are made safe
     * first (see {@link #segment}): the folder is always two levels inside {@code outbox}.
     */
    public static Path outboxDir(Path dataDir, String host, int port, String username) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Path outbox = dataDir.resolve("outbox");
        Path dir = outbox.resolve(segment(host) + "_" + port).resolve(segment(username));
        if (!dir.normalize().getParent().getParent().equals(outbox.normalize())) {
            throw new IllegalStateException("outbox folder escaped " + outbox + ": " + dir); // segment() must prevent this
        }
        return dir;
    }

    /**
     * A name from outside (a host, a user name) as one folder name that is safe on Windows, macOS and Linux and
     * unique: lower-case ASCII letters, digits, {@code -} and {@code _} stay as they are, so usual names keep their
     * folder; every other byte of the UTF-8 text becomes {@code %XX}, and so do a leading or trailing dot ({@code ..},
     * hidden files, Windows dropping trailing dots) and the first letter of a Windows device name ({@code con},
     * {@code nul.txt}). Upper-case letters are escaped too, so names that differ only in case do not meet on a
     * case-insensitive disk. A result over {@link #MAX_SEGMENT} characters is cut and ends in {@code ~} and a hash of
     * the whole name. Different names never give the same folder.
     */
    static String segment(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("a folder name needs at least one character");
        }
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        String device = raw.toLowerCase(Locale.ROOT);
        int dot = device.indexOf('.');
        boolean isDevice = WINDOWS_DEVICES.contains(dot < 0 ? device : device.substring(0, dot));
        StringBuilder out = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_'
                    || (b == '.' && i > 0 && i < bytes.length - 1);
            if (plain && !(i == 0 && isDevice)) {
                out.append((char) b);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        if (out.length() <= MAX_SEGMENT) {
            return out.toString();
        }
        // A '~' never appears otherwise, so a cut name cannot equal a whole one; the hash tells cut names apart.
        return out.substring(0, MAX_SEGMENT - 33) + "~" + HexFormat.of().formatHex(sha256(bytes), 0, 16);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String appFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("win") || os.contains("mac") ? "ModDesk" : "moddesk";
    }

    private static Path osBase(boolean config) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv(config ? "APPDATA" : "LOCALAPPDATA");
            return appData != null ? Path.of(appData) : home.resolve("AppData").resolve(config ? "Roaming" : "Local");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support");
        }
        String xdg = System.getenv(config ? "XDG_CONFIG_HOME" : "XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        return config ? home.resolve(".config") : home.resolve(".local").resolve("share");
    }
}
