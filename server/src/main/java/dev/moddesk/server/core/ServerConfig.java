package dev.moddesk.server.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything a {@code ModDeskServer} needs to start, and what features read of it through {@link Services}. It lives
 * in core so that core depends on nothing above it. Tests shorten the durations and pass a controllable
 * {@link Clock}; {@code Main} builds one from the command line.
 *
 * @param bind                   address to listen on
 * @param port                   port to listen on; 0 picks a free one ({@code ModDeskServer.port()} tells which)
 * @param database               where the data lives
 * @param dataDir                per-user folder for the embedded database and sandbox files; may be null in tests
 * @param sandbox                seed sandbox accounts (and, later, run the simulator)
 * @param clock                  the time source for sessions, throttling and the audit log
 * @param sessionTtl             a session ends this long after its last use
 * @param sessionRefreshInterval a session's last use is written at most this often (saves a write per request)
 * @param loginMaxFailures       failed logins allowed per username within the window (strict: guesses at one account)
 * @param loginMaxFailuresPerAddress failed logins allowed per client address within the window, for every username
 *                               together; much larger, so one person's typos do not lock out an office behind one NAT
 * @param loginFailureWindow     the sliding window over which failures are counted
 * @param version                the server version reported by /api/v1/info and /health; null means
 *                               {@link #runningVersion()}
 * @param simRate                in sandbox mode, the platform simulator's events per second; 0 turns it off
 * @param allowPrivateWebhooks   accept webhook URLs on loopback, private and link-local addresses and plain http
 *                               (a platform on the same private network); off, only public https endpoints
 * @param trustedProxies         peers whose {@code X-Forwarded-For} names the client (none by default)
 * @param tls                    serve HTTPS with these PEM files; null serves plain HTTP
 * @param media                  the media store's folder, upload limit and the hosts of platform-hosted media
 * @param retention              how long each kind of data is kept (null: {@link RetentionSettings#defaults()})
 * @param rooms                  where live rooms' events are kept and fanned out (in process, or NATS JetStream)
 * @param idempotencyRetention   how long the answers to idempotent review writes are kept for replay: at least as long
 *                               as a console may stay offline with decisions in its outbox (default 7 days)
 * @param sessionCacheTrust      how long a node trusts a session it has read before reading it again (default 5 s;
 *                               zero reads every request's session from the database). Revocations evict at once
 *                               (PostgreSQL: LISTEN/NOTIFY to every node); this bounds a missed notification
 */
public record ServerConfig(
        String bind,
        int port,
        Database.Settings database,
        Path dataDir,
        boolean sandbox,
        Clock clock,
        Duration sessionTtl,
        Duration sessionRefreshInterval,
        int loginMaxFailures,
        int loginMaxFailuresPerAddress,
        Duration loginFailureWindow,
        String version,
        double simRate,
        boolean allowPrivateWebhooks,
        TrustedProxies trustedProxies,
        Tls tls,
        MediaSettings media,
        RetentionSettings retention,
        Rooms rooms,
        Duration idempotencyRetention,
        Duration sessionCacheTrust) {

    /**
     * Live rooms' bus: {@code natsUrl} null keeps rooms in this process (one node); else NATS JetStream at that URL,
     * with stream and subjects named from {@code natsPrefix} (tests use a unique one per test). The in-process window
     * keeps per room at least {@code windowEvents} events or {@code windowAge} of them, whichever keeps more (defaults
     * 200,000 and 2 minutes; tests shrink them to see gaps). In sandbox mode the simulated platform's rooms chat at
     * {@code simChatRate} lines per second over all rooms ({@code --sim-chat-rate}; 0: no simulated rooms) and its hot
     * room spikes to {@code simHotRoomRate} more ({@code --sim-hot-room-rate}; 0: no spikes).
     */
    public record Rooms(String natsUrl, String natsPrefix, int windowEvents, Duration windowAge,
                        Duration heldDeadline, double simChatRate, double simHotRoomRate) {
        /** How long a held message waits for staff before it is dropped, unless configured. */
        public static final Duration DEFAULT_HELD_DEADLINE = Duration.ofMinutes(10);
        public static final double DEFAULT_SIM_CHAT_RATE = 200;
        public static final double DEFAULT_SIM_HOT_ROOM_RATE = 2000;

        public Rooms {
            if (heldDeadline == null || heldDeadline.isNegative() || heldDeadline.isZero()) {
                heldDeadline = DEFAULT_HELD_DEADLINE;
            }
            if (natsPrefix == null || natsPrefix.isBlank()) {
                natsPrefix = "moddesk";
            }
            if (windowEvents <= 0) {
                windowEvents = 200_000;
            }
            if (windowAge == null || windowAge.isNegative()) {
                windowAge = Duration.ofMinutes(2);
            }
            if (!(simChatRate >= 0 && simHotRoomRate >= 0) || Double.isInfinite(simChatRate + simHotRoomRate)) {
                throw new IllegalArgumentException("simulated room rates must be 0 (off) or positive");
            }
        }

        public Rooms(String natsUrl, String natsPrefix, int windowEvents, Duration windowAge) {
            this(natsUrl, natsPrefix, windowEvents, windowAge, null, DEFAULT_SIM_CHAT_RATE, DEFAULT_SIM_HOT_ROOM_RATE);
        }

        public Rooms(String natsUrl, String natsPrefix) {
            this(natsUrl, natsPrefix, 0, null);
        }

        public Rooms withHeldDeadline(Duration deadline) {
            return new Rooms(natsUrl, natsPrefix, windowEvents, windowAge, deadline, simChatRate, simHotRoomRate);
        }

        /** The sandbox's simulated rooms at {@code chatRate} lines per second, its hot room spiking {@code hotRate}. */
        public Rooms withSimulatedChat(double chatRate, double hotRate) {
            return new Rooms(natsUrl, natsPrefix, windowEvents, windowAge, heldDeadline, chatRate, hotRate);
        }

        public static Rooms inProcess() {
            return new Rooms(null, null);
        }
    }

    /** A PEM certificate chain (leaf first) and its private key (PKCS#8, PKCS#1 or SEC1). */
    public record Tls(Path certificateChain, Path privateKey) {
        public Tls {
            if (certificateChain == null || privateKey == null) {
                throw new IllegalArgumentException("HTTPS needs both a certificate chain and a private key");
            }
        }
    }

    public static final int DEFAULT_PORT = 7470;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final double DEFAULT_SIM_RATE = 2.0;
    public static final int DEFAULT_LOGIN_LIMIT_PER_ADDRESS = 100;
    public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_SESSION_CACHE_TRUST = Duration.ofSeconds(5);

    public ServerConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (database == null || clock == null) {
            throw new IllegalArgumentException("database and clock are required");
        }
        if (sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive");
        }
        if (sessionRefreshInterval == null || sessionRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("sessionRefreshInterval must not be negative");
        }
        if (loginMaxFailures < 1 || loginMaxFailuresPerAddress < 1 || loginFailureWindow == null
                || loginFailureWindow.isNegative()) {
            throw new IllegalArgumentException("login throttle limits must be positive");
        }
        if (simRate < 0 || Double.isNaN(simRate) || Double.isInfinite(simRate)) {
            throw new IllegalArgumentException("simRate must be 0 (off) or positive");
        }
        if (version == null) {
            version = runningVersion();
        }
        if (media == null) {
            media = MediaSettings.defaults();
        }
        if (trustedProxies == null) {
            trustedProxies = TrustedProxies.none();
        }
        if (retention == null) {
            retention = RetentionSettings.defaults();
        }
        if (rooms == null) {
            rooms = Rooms.inProcess();
        }
        if (idempotencyRetention == null) {
            idempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION;
        }
        if (idempotencyRetention.isNegative() || idempotencyRetention.isZero()) {
            throw new IllegalArgumentException("idempotencyRetention must be positive");
        }
        if (sessionCacheTrust == null) {
            sessionCacheTrust = DEFAULT_SESSION_CACHE_TRUST;
        }
        if (sessionCacheTrust.isNegative()) {
            throw new IllegalArgumentException("sessionCacheTrust must not be negative");
        }
    }

    /** The version from the server jar's manifest, or "dev" when run from classes. */
    public static String runningVersion() {
        String version = ServerConfig.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * Production defaults on {@code database}: 12 h sessions, refresh once a minute, 5 failures per username and 100
     * per client address in 10 minutes, public https webhooks only.
     */
    public static ServerConfig defaults(Database.Settings database, Path dataDir) {
        return new ServerConfig(DEFAULT_BIND, DEFAULT_PORT, database, dataDir, false, Clock.systemUTC(),
                Duration.ofHours(12), Duration.ofMinutes(1), 5, DEFAULT_LOGIN_LIMIT_PER_ADDRESS,
                Duration.ofMinutes(10), null, DEFAULT_SIM_RATE, false, TrustedProxies.none(),
                null, MediaSettings.defaults(), RetentionSettings.defaults(), Rooms.inProcess(),
                DEFAULT_IDEMPOTENCY_RETENTION, DEFAULT_SESSION_CACHE_TRUST);
    }

    public ServerConfig withPort(int port) {
        return with(c -> c.port = port);
    }

    public ServerConfig withBind(String bind) {
        return with(c -> c.bind = bind);
    }

    public ServerConfig withSandbox(boolean sandbox) {
        return with(c -> c.sandbox = sandbox);
    }

    public ServerConfig withClock(Clock clock) {
        return with(c -> c.clock = clock);
    }

    public ServerConfig withSessionTtl(Duration sessionTtl, Duration refreshInterval) {
        return with(c -> {
            c.sessionTtl = sessionTtl;
            c.sessionRefreshInterval = refreshInterval;
        });
    }

    /** At most {@code perUsername} failures per username and {@code perAddress} per client address per window. */
    public ServerConfig withLoginThrottle(int perUsername, int perAddress, Duration window) {
        return with(c -> {
            c.loginMaxFailures = perUsername;
            c.loginMaxFailuresPerAddress = perAddress;
            c.loginFailureWindow = window;
        });
    }

    /** Failed logins allowed per client address within the window ({@code --login-limit-per-address}). */
    public ServerConfig withLoginLimitPerAddress(int perAddress) {
        return withLoginThrottle(loginMaxFailures, perAddress, loginFailureWindow);
    }

    /** The sandbox simulator's events per second; 0 turns the simulator off. */
    public ServerConfig withSimRate(double simRate) {
        return with(c -> c.simRate = simRate);
    }

    /** Accept webhook endpoints on private networks and plain http ({@code --allow-private-webhooks}). */
    public ServerConfig withAllowPrivateWebhooks(boolean allow) {
        return with(c -> c.allowPrivateWebhooks = allow);
    }

    /** Peers whose {@code X-Forwarded-For} is believed (reverse proxies in front of this server). */
    public ServerConfig withTrustedProxies(TrustedProxies trustedProxies) {
        return with(c -> c.trustedProxies = trustedProxies);
    }

    /** Serve HTTPS with {@code tls} (null: plain HTTP). */
    public ServerConfig withTls(Tls tls) {
        return with(c -> c.tls = tls);
    }

    /** How long answers to idempotent review writes are kept ({@code --idempotency-retention}). */
    public ServerConfig withIdempotencyRetention(Duration keep) {
        return with(c -> c.idempotencyRetention = keep);
    }

    /** How long a node trusts a session it has read ({@code --session-cache-seconds}; zero: no cache). */
    public ServerConfig withSessionCacheTrust(Duration trust) {
        return with(c -> c.sessionCacheTrust = trust);
    }

    /** The media store's folder, upload limit and allowed media hosts. */
    public ServerConfig withMedia(MediaSettings media) {
        return with(c -> c.media = media);
    }

    /** How long each kind of data is kept ({@code --retention-*-days}). */
    public ServerConfig withRetention(RetentionSettings retention) {
        return with(c -> c.retention = retention);
    }

    /** Where live rooms' events go ({@code --nats-url}). */
    public ServerConfig withRooms(Rooms rooms) {
        return with(c -> c.rooms = rooms);
    }

    /** A copy with {@code change} applied to its components, checked again by the constructor. */
    private ServerConfig with(Consumer<Components> change) {
        Components c = new Components(this);
        change.accept(c);
        return c.config();
    }

    /** The components of a configuration being changed: the one place that lists them all for a copy. */
    private static final class Components {
        String bind;
        int port;
        Database.Settings database;
        Path dataDir;
        boolean sandbox;
        Clock clock;
        Duration sessionTtl;
        Duration sessionRefreshInterval;
        int loginMaxFailures;
        int loginMaxFailuresPerAddress;
        Duration loginFailureWindow;
        String version;
        double simRate;
        boolean allowPrivateWebhooks;
        TrustedProxies trustedProxies;
        Tls tls;
        MediaSettings media;
        RetentionSettings retention;
        Rooms rooms;
        Duration idempotencyRetention;
        Duration sessionCacheTrust;

        Components(ServerConfig c) {
            bind = c.bind;
            port = c.port;
            database = c.database;
            dataDir = c.dataDir;
            sandbox = c.sandbox;
            clock = c.clock;
            sessionTtl = c.sessionTtl;
            sessionRefreshInterval = c.sessionRefreshInterval;
            loginMaxFailures = c.loginMaxFailures;
            loginMaxFailuresPerAddress = c.loginMaxFailuresPerAddress;
            loginFailureWindow = c.loginFailureWindow;
            version = c.version;
            simRate = c.simRate;
            allowPrivateWebhooks = c.allowPrivateWebhooks;
            trustedProxies = c.trustedProxies;
            tls = c.tls;
            media = c.media;
            retention = c.retention;
            rooms = c.rooms;
            idempotencyRetention = c.idempotencyRetention;
            sessionCacheTrust = c.sessionCacheTrust;
        }

        ServerConfig config() {
            return new ServerConfig(bind, port, database, dataDir, sandbox, clock, sessionTtl, sessionRefreshInterval,
                    loginMaxFailures, loginMaxFailuresPerAddress, loginFailureWindow, version, simRate,
                    allowPrivateWebhooks, trustedProxies, tls, media, retention, rooms, idempotencyRetention,
                    sessionCacheTrust);
        }
    }
}
