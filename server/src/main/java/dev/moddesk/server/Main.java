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
                   double simHotRoomRate) {
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
            out.print(help(defaultDataDir(Map.copyOf(System.getenv()), System.getProperty("os.name", ""),
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
                .withIdempotencyRetention(options.idempotencyRetention());
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
                simChatRate, simHotRoomRate);
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

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    static String help(Path defaultDataDir) {
        return """
                Usage: java -jar moddesk-server.jar [options]
                       java -jar moddesk-server.jar admin create --username <name> --role <role>
                                                   [--display-name <text>] [database options]
                       java -jar moddesk-server.jar backup --to <zip> [--data-dir <path>]

                ModDesk reference admin API server.

                Options:
                  --port <n>             port to listen on; 0 picks a free port (default: %d)
                  --bind <address>       address to listen on (default: %s)
                  --db-url <jdbc-url>    database; a jdbc:postgresql: URL uses PostgreSQL
                                         (default: embedded H2 file database in the data folder)
                  --db-user <name>       database user (default: none; sa for the embedded database)
                  --db-password <pw>     database password (default: none)
                  --data-dir <path>      folder for the embedded database and sandbox files
                                         (default: %s)
                  --sandbox              seed sandbox accounts admin / ops / moderator and print their
                                         passwords, and run the platform simulator (default: off)
                  --sim-rate <n>         sandbox simulator events per second (default: %s)
                  --sim-chat-rate <n>    chat lines per second over all the simulated live rooms, up to
                                         50000; 0: no simulated rooms (default: %s)
                  --sim-hot-room-rate <n>
                                         extra lines per second in the hot room while it spikes (every 5
                                         minutes for a minute, or on POST /api/v1/sandbox/hot-room);
                                         0: no spikes (default: %s)
                  --no-sim               sandbox without the platform simulator
                  --login-limit-per-address <n>
                                         failed sign-ins allowed from one client address in 10 minutes,
                                         for all usernames together (default: %d; each username: 5)
                  --allow-private-webhooks
                                         accept webhook endpoints on loopback, private and link-local
                                         addresses and over plain http, for a platform on this server's
                                         own network (default: off, public https endpoints only)
                  --tls-cert <pem>       serve HTTPS with this certificate chain (PEM, leaf first)
                  --tls-key <pem>        its private key (PEM: PKCS#8, PKCS#1 RSA or EC; not encrypted)
                                         (default: neither; plain HTTP, e.g. behind a TLS proxy)
                  --trusted-proxy <cidr> a reverse proxy's address range (IPv4 or IPv6, repeatable): only
                                         from these peers is X-Forwarded-For read for the client address
                                         (default: none; the peer's address is the client's)
                  --idempotency-retention <d>
                                         how long answers to idempotent review writes are kept for replay,
                                         at least as long as a console may stay offline: days, or an
                                         ISO-8601 duration such as P7D or PT36H (default: 7 days)
                  --held-deadline-minutes <n>
                                         how long a message the platform held for review waits for staff
                                         before it is dropped (default: 10)
                  --media-dir <path>     folder of uploaded application videos and posters
                                         (default: media in the data folder)
                  --media-max-bytes <n>  largest media upload in bytes (default: 67108864, 64 MB)
                  --media-host <host>    a host of a platform that serves its own media over https; the
                                         console plays media URLs on listed hosts only (repeatable)
                Retention (the job prunes older data every 10 minutes on each node):
                  --retention-audit-days <n>
                                         audit log and the evidence in it (default: %d; never less
                                         than %d: China's Cybersecurity Law art. 21, six months)
                  --retention-held-messages-days <n>
                                         held and flagged chat messages (default: %d)
                  --retention-media-days <n>
                                         application videos and posters, from the decision (default: %d)
                  --retention-webhook-deliveries-days <n>
                                         finished webhook deliveries (default: %d)
                  --retention-ingest-events-days <n>
                                         ids of applied platform events; an older replay applies again
                                         (default: %d)
                  --nats-url <url>       NATS JetStream for live rooms, shared by every server node, e.g.
                                         nats://127.0.0.1:4222 (default: none; rooms stay in this process)
                  --exit-on-stdin-eof    stop when standard input reaches end of file (default: off)
                  --help, -h             show this help and exit
                  --version              show the version and exit

                Commands:
                  admin create           create a staff account in the database that --db-url (or the
                                         embedded database in --data-dir) names, e.g. the first admin:
                    --username <name>    3-32 lower-case letters, digits, '.', '-' or '_'
                    --role <role>        MODERATOR, OPS or ADMIN
                    --display-name <t>   the name others see (default: the username)
                                         The password is asked twice on a terminal, or read as the first
                                         line of standard input. The audit log names the creator "cli".

                  backup --to <zip>      copy the embedded H2 database (in --data-dir, or the H2 file
                                         --db-url names) into a zip while no server has it open; a
                                         running server backs up online: POST /api/v1/lifecycle/backups.
                                         PostgreSQL: pg_dump (docs/backup.md)

                Exit codes: 0 stopped normally, 1 could not start, 2 bad command line.
                """.formatted(ServerConfig.DEFAULT_PORT, ServerConfig.DEFAULT_BIND, defaultDataDir,
                        ServerConfig.DEFAULT_SIM_RATE, fmt(ServerConfig.Rooms.DEFAULT_SIM_CHAT_RATE),
                        fmt(ServerConfig.Rooms.DEFAULT_SIM_HOT_ROOM_RATE), ServerConfig.DEFAULT_LOGIN_LIMIT_PER_ADDRESS,
                        RetentionSettings.defaults().auditLog().toDays(), RetentionSettings.AUDIT_MINIMUM.toDays(),
                        RetentionSettings.defaults().heldMessages().toDays(),
                        RetentionSettings.defaults().decidedMedia().toDays(),
                        RetentionSettings.defaults().webhookDeliveries().toDays(),
                        RetentionSettings.defaults().ingestEvents().toDays());
    }
}
