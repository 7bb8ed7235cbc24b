package dev.moddesk.server;

import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.TrustedProxies;
import dev.moddesk.server.core.MediaSettings;
import dev.moddesk.server.core.RetentionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line entry point of the server jar.
 *
 * <p>Stdout contract (the console's sandbox launcher parses these exact lines; logs go to stderr):
 * <pre>
 * sandbox account: admin / &lt;password&gt; (ADMIN)          -- sandbox mode only, one per account, first
 * sandbox account: ops / &lt;password&gt; (OPS)
 * sandbox account: moderator / &lt;password&gt; (MODERATOR)
 * ModDesk server listening on http://&lt;host&gt;:&lt;port&gt;   -- once connections are accepted
 * </pre>
 * Exit codes: 0 normal stop, 1 failed to start, 2 bad command line.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** Parsed command line. */
    record Options(int port, String bind, String dbUrl, String dbUser, String dbPassword, Path dataDir,
                   boolean sandbox, double simRate, int loginLimitPerAddress, boolean allowPrivateWebhooks,
                   boolean exitOnStdinEof, boolean help, boolean version, TrustedProxies trustedProxies,
                   ServerConfig.Tls tls, MediaSettings media, RetentionSettings retention, String natsUrl,
                   java.time.Duration idempotencyRetention, java.time.Duration heldDeadline, double simChatRate,
                   double simHotRoomRate, java.time.Duration sessionCacheTrust) {
    }

    /** A command line the server cannot run with; reported with exit code 2. */
    static final class UsageException extends Exception {

        UsageException(String message) {
            super(message);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line; returns the exit code (blocks until the server stops when it starts one). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, reading what a command asks for from {@code in}. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("admin")) {
            PasswordPrompt prompt = in == System.in ? PasswordPrompt.ofProcess() : new PasswordPrompt(null, in);
            return AdminCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), prompt, out, err,
                    Map.copyOf(System.getenv()), System.getProperty("os.name", ""),
                    Path.of(System.getProperty("user.home", ".")));
        }
        if (args.length > 0 && args[0].equals("backup")) {
            return BackupCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err,
                    Map.copyOf(System.getenv()), System.getProperty("os.name", ""),
                    Path.of(System.getProperty("user.home", ".")));
        }
        Options options;
        try {
            options = parse(args, Map.copyOf(System.getenv()), System.getProperty("os.name", ""),
                    Path.of(System.getProperty("user.home", ".")));
        } catch (UsageException e) {
            err.println("moddesk-server: " + e.getMessage());
            err.println("Run with --help to see the options.");
            return 2;
        }
        if (options.help()) {
            out.print(ServerHelp.text(defaultDataDir(Map.copyOf(System.getenv()), System.getProperty("os.name", ""),
                    Path.of(System.getProperty("user.home", ".")))));
            return 0;
        }
        if (options.version()) {
            out.println("moddesk-server " + ModDeskServer.version());
            return 0;
        }
        return serve(options, out, err);
    }

    private static int serve(Options options, PrintStream out, PrintStream err) {
        Database.Settings database;
        try {
            Files.createDirectories(options.dataDir());
            database = databaseSettings(options);
        } catch (IOException | IllegalArgumentException e) {
            err.println("moddesk-server: cannot use data folder or database: " + e.getMessage());
            return 1;
        }
        ServerConfig config = ServerConfig.defaults(database, options.dataDir())
                .withBind(options.bind()).withPort(options.port()).withSandbox(options.sandbox())
                .withSimRate(options.simRate()).withLoginLimitPerAddress(options.loginLimitPerAddress())
                .withAllowPrivateWebhooks(options.allowPrivateWebhooks())
                .withTrustedProxies(options.trustedProxies()).withTls(options.tls()).withMedia(options.media())
                .withRetention(options.retention())
                .withRooms(new ServerConfig.Rooms(options.natsUrl(), null).withHeldDeadline(options.heldDeadline())
                        .withSimulatedChat(options.simChatRate(), options.simHotRoomRate()))
                .withIdempotencyRetention(options.idempotencyRetention())
                .withSessionCacheTrust(options.sessionCacheTrust());
        ModDeskServer server = new ModDeskServer(config);
        try {
            server.start();
        } catch (RuntimeException e) {
            log.error("The server could not start", e);
            err.println("moddesk-server: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "moddesk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (var account : server.sandboxAccounts()) {
            out.println("sandbox account: " + account.username() + " / " + account.password()
                    + " (" + account.role() + ")");
        }
        out.println("ModDesk server listening on " + server.baseUrl());
        out.flush();
        if (options.exitOnStdinEof()) {
            watchStdin(System.in, server, stopped);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The database the options name: {@code --db-url}, or else the embedded one in the data folder. */
    static Database.Settings databaseSettings(Options options) {
        return options.dbUrl() == null ? Database.Settings.h2File(options.dataDir())
                : new Database.Settings(options.dbUrl(), options.dbUser(), options.dbPassword());
    }

    /** Stops the server when the parent process closes our stdin (it died or quit), so no server outlives it. */
    private static void watchStdin(InputStream in, ModDeskServer server, CountDownLatch stopped) {
        Thread watcher = new Thread(() -> {
            try {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // input is ignored; only its end matters
                }
            } catch (IOException e) {
                log.debug("stdin closed with an error", e);
            }
            log.info("stdin reached end of file; stopping");
            server.stop();
            stopped.countDown();
        }, "moddesk-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    static Options parse(String[] args, Map<String, String> env, String osName, Path home) throws UsageException {
        int port = ServerConfig.DEFAULT_PORT;
        String bind = ServerConfig.DEFAULT_BIND;
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        Path dataDir = null;
        boolean sandbox = false;
        double simRate = ServerConfig.DEFAULT_SIM_RATE;
        double simChatRate = ServerConfig.Rooms.DEFAULT_SIM_CHAT_RATE;
        double simHotRoomRate = ServerConfig.Rooms.DEFAULT_SIM_HOT_ROOM_RATE;
        java.time.Duration sessionCacheTrust = ServerConfig.DEFAULT_SESSION_CACHE_TRUST;
        int loginLimitPerAddress = ServerConfig.DEFAULT_LOGIN_LIMIT_PER_ADDRESS;
        boolean allowPrivateWebhooks = false;
        boolean exitOnStdinEof = false;
        boolean help = false;
        boolean version = false;
        List<TrustedProxies.Range> trustedProxies = new ArrayList<>();
        Path tlsCert = null;
        Path tlsKey = null;
        MediaSettings media = MediaSettings.defaults();
        List<String> mediaHosts = new ArrayList<>();
        java.time.Duration idempotencyRetention = ServerConfig.DEFAULT_IDEMPOTENCY_RETENTION;
        String natsUrl = null;
        java.time.Duration heldDeadline = ServerConfig.Rooms.DEFAULT_HELD_DEADLINE;
        RetentionSettings defaults = RetentionSettings.defaults();
        long auditDays = defaults.auditLog().toDays();
        long heldDays = defaults.heldMessages().toDays();
        long mediaDays = defaults.decidedMedia().toDays();
        long deliveryDays = defaults.webhookDeliveries().toDays();
        long eventDays = defaults.ingestEvents().toDays();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--port" -> port = parsePort(value(name, inline, rest));
                case "--bind" -> bind = nonBlank(name, value(name, inline, rest));
                case "--db-url" -> {
                    dbUrl = nonBlank(name, value(name, inline, rest));
                    if (!dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
                        throw new UsageException("--db-url must be a jdbc:postgresql: or jdbc:h2: URL, got " + dbUrl);
                    }
                }
                case "--db-user" -> dbUser = value(name, inline, rest);
                case "--db-password" -> dbPassword = value(name, inline, rest);
                case "--data-dir" -> dataDir = Path.of(nonBlank(name, value(name, inline, rest)));
                case "--sandbox" -> sandbox = flag(name, inline);
                case "--sim-rate" -> simRate = parseSimRate(value(name, inline, rest));
                case "--no-sim" -> simRate = flag(name, inline) ? 0 : simRate;
                case "--sim-chat-rate" -> simChatRate = parseRoomRate(name, value(name, inline, rest));
                case "--sim-hot-room-rate" -> simHotRoomRate = parseRoomRate(name, value(name, inline, rest));
                case "--login-limit-per-address" -> loginLimitPerAddress = parseLoginLimit(value(name, inline, rest));
                case "--session-cache-seconds" -> sessionCacheTrust = java.time.Duration.ofSeconds(
                        parseSessionCacheSeconds(value(name, inline, rest)));
                case "--allow-private-webhooks" -> allowPrivateWebhooks = flag(name, inline);
                case "--media-dir" -> media = media.withFolder(Path.of(nonBlank(name, value(name, inline, rest))));
                case "--media-max-bytes" -> media = media.withMaxUploadBytes(parseMediaLimit(value(name, inline, rest)));
                case "--media-host" -> mediaHosts.add(parseMediaHost(value(name, inline, rest)));
                case "--retention-audit-days" -> auditDays = parseDays(name, value(name, inline, rest));
                case "--retention-held-messages-days" -> heldDays = parseDays(name, value(name, inline, rest));
                case "--retention-media-days" -> mediaDays = parseDays(name, value(name, inline, rest));
                case "--retention-webhook-deliveries-days" -> deliveryDays = parseDays(name, value(name, inline, rest));
                case "--retention-ingest-events-days" -> eventDays = parseDays(name, value(name, inline, rest));
                case "--exit-on-stdin-eof" -> exitOnStdinEof = flag(name, inline);
                case "--tls-cert" -> tlsCert = readable(name, value(name, inline, rest));
                case "--tls-key" -> tlsKey = readable(name, value(name, inline, rest));
                case "--trusted-proxy" -> trustedProxies.add(range(name, value(name, inline, rest)));
                case "--idempotency-retention" -> idempotencyRetention = parseRetention(value(name, inline, rest));
                case "--nats-url" -> natsUrl = parseNatsUrl(value(name, inline, rest));
                case "--held-deadline-minutes" -> heldDeadline = java.time.Duration.ofMinutes(
                        parseHeldMinutes(name, value(name, inline, rest)));
                case "--help", "-h" -> help = flag(name, inline);
                case "--version" -> version = flag(name, inline);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (dataDir == null) {
            dataDir = defaultDataDir(env, osName, home);
        }
        if (auditDays < RetentionSettings.AUDIT_MINIMUM.toDays()) {
            throw new UsageException("--retention-audit-days: " + RetentionSettings.auditFloorMessage(auditDays));
        }
        RetentionSettings retention = new RetentionSettings(java.time.Duration.ofDays(auditDays),
                java.time.Duration.ofDays(heldDays), java.time.Duration.ofDays(mediaDays),
                java.time.Duration.ofDays(deliveryDays), java.time.Duration.ofDays(eventDays));
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UsageException("--tls-cert and --tls-key go together: HTTPS needs the certificate and its key");
        }
        return new Options(port, bind, dbUrl, dbUser, dbPassword, dataDir, sandbox, simRate, loginLimitPerAddress,
                allowPrivateWebhooks, exitOnStdinEof, help, version, new TrustedProxies(trustedProxies),
                tlsCert == null ? null : new ServerConfig.Tls(tlsCert, tlsKey),
                media.withAllowedHosts(mediaHosts), retention, natsUrl, idempotencyRetention, heldDeadline,
                simChatRate, simHotRoomRate, sessionCacheTrust);
    }

    private static long parseHeldMinutes(String name, String value) throws UsageException {
        try {
            long minutes = Long.parseLong(value.strip());
            if (minutes >= 1 && minutes <= 10_080) {
                return minutes;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(name + " must be a number of minutes from 1 to 10080, got " + value);
    }

    /** An ISO-8601 duration ({@code P7D}, {@code PT36H}) or a whole number of days, from one hour to ten years. */
    static java.time.Duration parseRetention(String value) throws UsageException {
        String v = value.strip();
        try {
            java.time.Duration d = v.matches("[0-9]{1,4}") ? java.time.Duration.ofDays(Long.parseLong(v))
                    : java.time.Duration.parse(v.toUpperCase(Locale.ROOT));
            if (d.compareTo(java.time.Duration.ofHours(1)) >= 0 && d.compareTo(java.time.Duration.ofDays(3650)) <= 0) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // reported below
        }
        throw new UsageException("--idempotency-retention must be a number of days or an ISO-8601 duration such as "
                + "P7D or PT36H, from one hour to 3650 days, got " + value);
    }

    private static long parseDays(String name, String value) throws UsageException {
        try {
            long days = Long.parseLong(value.strip());
            if (days >= 1 && days <= 36_500) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(name + " must be a number of days from 1 to 36500, got " + value);
    }

    private static long parseMediaLimit(String value) throws UsageException {
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 1024 && bytes <= 1L << 40) {
                return bytes;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--media-max-bytes must be a number of bytes from 1024 to 2^40, got " + value);
    }

    /** A bare host name (no scheme, port or path): the console compares URL hosts with it. */
    private static String parseMediaHost(String value) throws UsageException {
        String host = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (host.isEmpty() || !host.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new UsageException("--media-host must be a host name such as media.example.com, got " + value);
        }
        return host;
    }

    private static String value(String name, String inline, List<String> rest) throws UsageException {
        if (inline != null) {
            return inline;
        }
        if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return rest.removeFirst();
    }

    private static boolean flag(String name, String inline) throws UsageException {
        if (inline != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static String nonBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(name + " must not be empty");
        }
        return value;
    }

    private static Path readable(String name, String value) throws UsageException {
        Path file = Path.of(nonBlank(name, value));
        if (!Files.isReadable(file)) {
            throw new UsageException(name + " names a file that cannot be read: " + value);
        }
        return file;
    }

    private static TrustedProxies.Range range(String name, String value) throws UsageException {
        try {
            return TrustedProxies.Range.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " must be an IPv4 or IPv6 address range such as 10.0.0.0/8, got "
                    + value);
        }
    }

    private static double parseSimRate(String value) throws UsageException {
        try {
            double rate = Double.parseDouble(value);
            if (rate >= 0 && rate <= 1000) {
                return rate;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--sim-rate must be a number of events per second from 0 to 1000, got " + value);
    }

    /** Simulated chat lines per second: up to 50,000 (the ingest API takes 10,000 a second and more). */
    private static double parseRoomRate(String name, String value) throws UsageException {
        try {
            double rate = Double.parseDouble(value);
            if (rate >= 0 && rate <= 50_000) {
                return rate;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(name + " must be a number of chat lines per second from 0 to 50000, got " + value);
    }

    private static int parseSessionCacheSeconds(String value) throws UsageException {
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 0 && seconds <= 300) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--session-cache-seconds must be a number from 0 (no cache) to 300, got " + value);
    }

    private static int parseLoginLimit(String value) throws UsageException {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= 1_000_000) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--login-limit-per-address must be a number from 1 to 1000000, got " + value);
    }

    private static int parsePort(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--port must be a number from 0 to 65535, got " + value);
    }

    /** The per-user data folder: %APPDATA%\ModDesk, ~/Library/Application Support/ModDesk, or XDG. */
    static Path defaultDataDir(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "ModDesk")
                    : home.resolve("AppData").resolve("Roaming").resolve("ModDesk");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("ModDesk");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "moddesk")
                : home.resolve(".local").resolve("share").resolve("moddesk");
    }

    private static String parseNatsUrl(String value) throws UsageException {
        if (value.matches("(nats|tls)://[A-Za-z0-9.\\[\\]:_-]+(:[0-9]{1,5})?")) {
            return value;
        }
        throw new UsageException("--nats-url must be a URL such as nats://127.0.0.1:4222, got " + value);
    }
}
