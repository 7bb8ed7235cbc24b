package dev.moddesk.server;

import dev.moddesk.server.audit.AuditFeature;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.HttpsConnector;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.creators.CreatorsFeature;
import dev.moddesk.server.lifecycle.LifecycleFeature;
import dev.moddesk.server.ops.OpsFeature;
import dev.moddesk.server.platform.PlatformFeature;
import dev.moddesk.server.review.ReviewFeature;
import dev.moddesk.server.rooms.RoomsFeature;
import dev.moddesk.server.rooms.actions.RoomActionsFeature;
import dev.moddesk.server.rooms.held.HeldFeature;
import dev.moddesk.server.rooms.appeals.AppealsFeature;
import dev.moddesk.server.rooms.reports.ReportsFeature;
import dev.moddesk.server.rooms.words.WordListFeature;
import dev.moddesk.server.sandbox.PlatformSimulator;
import dev.moddesk.server.sandbox.SandboxAccounts;
import dev.moddesk.server.sandbox.SandboxFeature;
import dev.moddesk.server.sandbox.SandboxSimulation;
import dev.moddesk.server.sandbox.SandboxWordList;
import dev.moddesk.server.session.SessionFeature;
import dev.moddesk.server.staff.StaffFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API server: opens and migrates the database, lets every {@link Feature} register its routes with the
 * one {@link Api} registry, and serves them with Javalin. {@link #start()} returns once connections are accepted;
 * {@link #stop()} stops features, the HTTP server and the pool, in that order, and is safe to call twice.
 *
 * <p>Features are created from factories so that each gets the shared {@link Services}. {@link #standardFeatures()}
 * is the list {@link Main} runs; add a new feature there.
 */
public final class ModDeskServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModDeskServer.class);

    private final ServerConfig config;
    private final List<Function<Services, Feature>> featureFactories;
    private final List<Feature> features = new ArrayList<>();
    private final Api api;
    private Database database;
    private Javalin javalin;
    private Services services;
    private boolean stopped;
    private List<SandboxAccounts.Account> sandboxAccounts = List.of();
    private PlatformSimulator simulator;

    public ModDeskServer(ServerConfig config) {
        this(config, standardFeatures());
    }

    public ModDeskServer(ServerConfig config, List<Function<Services, Feature>> featureFactories) {
        this.config = config;
        this.api = new Api(config.trustedProxies());
        this.featureFactories = List.copyOf(featureFactories);
    }

    /** The features every server runs, in registration order. */
    public static List<Function<Services, Feature>> standardFeatures() {
        return List.of(SessionFeature::new, StaffFeature::new, AuditFeature::new, OpsFeature::new, PlatformFeature::new,
                ReviewFeature::new, CreatorsFeature::new, RoomsFeature::new, RoomActionsFeature::new,
                WordListFeature::new, HeldFeature::new, ReportsFeature::new, AppealsFeature::new, LifecycleFeature::new, SandboxFeature::new);
    }

    /** Starts serving; returns once the port accepts connections. */
    public synchronized ModDeskServer start() {
        if (javalin != null) {
            throw new IllegalStateException("already started");
        }
        database = Database.open(config.database());
        try {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            database.dataSource().setMetricRegistry(metrics);
            services = new Services(config, database, new AuditLog(config.clock()), config.clock(), metrics);
            if (config.sandbox()) {
                sandboxAccounts = new SandboxAccounts(services).seed();
            }
            for (Function<Services, Feature> factory : featureFactories) {
                Feature feature = factory.apply(services);
                feature.register(api);
                features.add(feature);
            }
            javalin = Javalin.create(javalinConfig -> {
                javalinConfig.startup.showJavalinBanner = false;
                javalinConfig.startup.showOldJavalinVersionWarning = false;
                javalinConfig.jsonMapper(new JavalinJackson(Json.mapper(), false));
                javalinConfig.requestLogger.http((ctx, ms) -> timeRequest(metrics, ctx, ms));
                api.install(javalinConfig);
                if (config.tls() != null) {
                    HttpsConnector.install(javalinConfig, config.tls(), config.bind(), config.port());
                }
            });
            javalin.start(config.bind(), config.port());
            for (Feature feature : features) {
                feature.start();
            }
            if (config.sandbox()) {
                SandboxWordList.seed(services);
                simulator = SandboxSimulation.start(services, baseUrl(), config.simRate(), features.stream()
                        .filter(SandboxFeature.class::isInstance).map(SandboxFeature.class::cast).findFirst()
                        .orElse(null));
            }
            log.info("ModDesk server {} listening on {}:{} ({} database{})", config.version(), config.bind(),
                    port(), database.productName(), config.sandbox() ? ", sandbox" : "");
            return this;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** A request timer's identity; the timers are looked up here instead of built and registered per request. */
    private record TimerKey(String route, String method, int status) {
    }

    private final Map<TimerKey, Timer> requestTimers = new ConcurrentHashMap<>();

    private void timeRequest(PrometheusMeterRegistry metrics, Context ctx, Float ms) {
        TimerKey key = new TimerKey(routeOf(ctx), ctx.method().name(), ctx.statusCode());
        requestTimers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                        .description("HTTP requests by route template, method and status")
                        .tag("route", k.route())
                        .tag("method", k.method())
                        .tag("status", Integer.toString(k.status()))
                        .register(metrics))
                .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String routeOf(Context ctx) {
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** The port the server listens on (the real one when started with port 0). */
    public int port() {
        if (javalin == null) {
            throw new IllegalStateException("not started");
        }
        return javalin.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:7470} ({@code https://} with TLS). */
    public String baseUrl() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return (config.tls() == null ? "http://" : "https://") + host + ":" + port();
    }

    /** The seeded sandbox accounts with their passwords (empty unless sandbox mode). */
    public List<SandboxAccounts.Account> sandboxAccounts() {
        return sandboxAccounts;
    }

    /** What Javalin actually serves, as "METHOD /path" (tests compare it with the registry and the OpenAPI). */
    public List<String> servedRoutes() {
        if (javalin == null) {
            throw new IllegalStateException("not started");
        }
        return javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .toList();
    }

    public Api api() {
        return api;
    }

    /** The running feature of {@code type}, if this server has one (tests drive a feature's jobs through it). */
    public <T extends Feature> java.util.Optional<T> feature(Class<T> type) {
        return features.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public Services services() {
        if (services == null) {
            throw new IllegalStateException("not started");
        }
        return services;
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops features (in reverse), the HTTP server, then the database pool. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (simulator != null) {
            simulator.close();
        }
        for (int i = features.size() - 1; i >= 0; i--) {
            try {
                features.get(i).stop();
            } catch (RuntimeException e) {
                log.warn("Feature {} did not stop cleanly", features.get(i).getClass().getSimpleName(), e);
            }
        }
        if (javalin != null) {
            javalin.stop();
        }
        if (database != null) {
            database.close();
        }
        log.info("ModDesk server stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        return ServerConfig.runningVersion();
    }
}
