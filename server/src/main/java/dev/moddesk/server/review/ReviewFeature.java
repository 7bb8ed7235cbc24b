package dev.moddesk.server.review;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import dev.moddesk.server.core.BackgroundJobs;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.Reply;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.PlatformGateway;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Circle review's routes (docs: review-api), its platform event handlers and the job that publishes decisions once
 * their undo window has closed. Routes only translate HTTP to the calls of review's services: headers, parameters,
 * ETags; the rules live in the service.
 */
public final class ReviewFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewFeature.class);
    private static final String BASE = "/api/v1/review";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IF_MATCH = "If-Match";

    private final ReviewModule review;
    private final MediaRoutes mediaRoutes;
    private final MediaLinks links;
    private final Services services;
    private final boolean publishActions;
    private BackgroundJobs jobs;

    /** The standard wiring: review's event handlers go to the platform ingest API, its actions to the feed. */
    public ReviewFeature(Services services) {
        this(services, PlatformGateway.of(services).actions(), MediaFolders.open(services.config()),
                sharedSecret(services));
        ingestHandlers().forEach(PlatformGateway.of(services).ingest()::register);
    }

    /**
     * @param actions the platform action feed; null leaves decisions pending publication (nothing is lost) and the
     *                publishing job off
     */
    public ReviewFeature(Services services, ActionPublisher actions, MediaStore media, byte[] mediaSecret) {
        this.services = services;
        this.links = new MediaLinks(mediaSecret, Duration.ofHours(2));
        this.mediaRoutes = new MediaRoutes(media, links, services.config().media().maxUploadBytes(), services.clock(),
                services.config().media().allowedHosts());
        this.publishActions = actions != null;
        this.review = ReviewModule.forServer(services, actions, links);
        ReviewLifecycle.register(services, media, new ReviewJson(dev.moddesk.server.core.Json.mapper()));
    }

    /**
     * The key that signs media URLs, the same on every node and across restarts: {@code MODDESK_MEDIA_SECRET} (16+
     * characters) when set, else the one stored in the database, which the first node to start generates (a node
     * that loses the race to insert it reads the winner's).
     */
    public static byte[] sharedSecret(Services services) {
        String configured = System.getenv("MODDESK_MEDIA_SECRET");
        if (configured != null && configured.length() >= 16) {
            return configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return SharedSecrets.get(services, "media");
    }

    public ReviewModule review() {
        return review;
    }

    /** The handlers the platform ingest API must register for review's event types. */
    public List<IngestHandler> ingestHandlers() {
        return ReviewIngestHandlers.all(review.ingest(), services.config().media().allowedHosts());
    }

    @Override
    public void start() {
        if (!publishActions) {
            LOG.warn("No action feed: review decisions are kept until one is wired, not published");
            return;
        }
        jobs = BackgroundJobs.on("review-final-actions")
                .draining(Duration.ofSeconds(1), Duration.ofSeconds(1), "Publishing final review decisions", 500,
                        () -> review.publisher().publishFinalDecisions(500))
                .every(Duration.ofHours(1), Duration.ofSeconds(10), "Dropping old idempotency keys",
                        () -> review.expiry().forgetOldIdempotencyKeys())
                .draining(Duration.ofMinutes(5), Duration.ofSeconds(30), "Expiring stale applications", 500,
                        () -> review.expiry().expireStale(500));
    }

    @Override
    public void stop() {
        if (jobs != null) {
            jobs.close();
        }
    }

    @Override
    public void register(Api api) {
        Type circles = new TypeReference<List<Circle>>() { }.getType();
        Type page = new TypeReference<Page<ApplicationSummary>>() { }.getType();
        Type codes = new TypeReference<List<ReasonCode>>() { }.getType();

        api.get(BASE + "/circles").summary("Circles, optionally of one city").tag("review")
                .access(Access.staff()).query("city", String.class, "only this city")
                .response(200, circles)
                .handle(call -> review.queries().circles(actor(call), call.query("city")));

        api.get(BASE + "/queue").summary("Pending applications, filtered and sorted, one page").tag("review")
                .access(Access.staff())
                .query("city", String.class, "city").query("circleId", Long.class, "circle id")
                .query("mode", String.class, "QUESTIONS or VIDEO")
                .query("minRisk", Integer.class, "least risk score, 1-100")
                .query("olderThanMinutes", Integer.class, "waiting at least this long")
                .query("query", String.class, "text in nickname, circle name or answers, or an exact user id")
                .query("sort", String.class, "age (default) or risk")
                .query("cursor", String.class, "nextCursor of the previous page")
                .query("limit", Integer.class, "page size, 1-200 (default 50)")
                .response(200, page).errors(403, 404)
                .handle(call -> review.queries().queue(actor(call), filterFrom(call), call.query("cursor"),
                        call.queryInt("limit", 1, 200)));

        api.get(BASE + "/applications/{id}").pathParam("id", Long.class).summary("One application, with ETag = its version").tag("review")
                .access(Access.staff()).response(200, ApplicationDetail.class).errors(403)
                .handle(call -> withEtag(call, review.queries().detail(actor(call), call.pathId("id"))));

        api.post(BASE + "/applications/{id}/claim").pathParam("id", Long.class).summary("Claim (or renew my claim on) an application").tag("review")
                .access(Access.staff()).response(200, ClaimInfo.class).errors(403, 409)
                .handle(call -> review.claims().claim(actor(call), call.pathId("id")));

        api.post(BASE + "/claims/next").summary("Claim the next free application matching the filter").tag("review")
                .access(Access.staff()).body(QueueFilter.class)
                .response(200, ApplicationDetail.class).response(204).errors(403)
                .handle(call -> {
                    Optional<ApplicationDetail> next = review.claims().claimNext(actor(call), call.body());
                    return next.<Object>map(detail -> withEtag(call, detail)).orElseGet(() -> Reply.json(204, null));
                });

        api.delete(BASE + "/applications/{id}/claim").pathParam("id", Long.class).summary("Release my claim").tag("review")
                .access(Access.staff()).response(204).errors(403)
                .handle(call -> {
                    review.claims().release(actor(call), call.pathId("id"));
                    return null;
                });

        api.post(BASE + "/applications/{id}/presence").pathParam("id", Long.class).summary("Heartbeat: I am looking at this application")
                .tag("review").access(Access.staff()).response(204).errors(403)
                .handle(call -> {
                    review.claims().presence(actor(call), call.pathId("id"));
                    return null;
                });

        api.post(BASE + "/applications/{id}/decision").pathParam("id", Long.class).summary("Approve, reject or ask for more information")
                .tag("review").access(Access.staff()).body(DecisionRequest.class)
                .header(IDEMPOTENCY_KEY, "required; a replay with the same key and body returns the stored result")
                .header(IF_MATCH, "required; the version (ETag) the decision is based on")
                .response(200, DecisionResult.class).errors(403, 409, 412, 428)
                .handle(call -> {
                    DecisionResult r = review.decisions().decide(actor(call), call.pathId("id"),
                            call.header(IDEMPOTENCY_KEY), call.ifMatchVersion(), call.body());
                    call.etag(r.version());
                    return r;
                });

        api.post(BASE + "/applications/{id}/undo").pathParam("id", Long.class).summary("Undo my decision within the undo window").tag("review")
                .access(Access.staff()).header(IDEMPOTENCY_KEY, "required")
                .response(200, DecisionResult.class).errors(400, 403, 409)
                .handle(call -> {
                    DecisionResult r = review.undo().undo(actor(call), call.pathId("id"), call.header(IDEMPOTENCY_KEY));
                    call.etag(r.version());
                    return r;
                });

        api.post(BASE + "/decisions/bulk").summary("One decision for many applications, one outcome each")
                .tag("review").access(Access.staff()).body(BulkDecisionRequest.class)
                .response(200, BulkDecisionResult.class)
                .handle(call -> review.decisions().bulk(actor(call), call.body(), call.language()));

        api.get(BASE + "/applicants/{userId}/history").summary("An applicant's earlier applications and decisions")
                .tag("review").access(Access.staff()).response(200, ApplicantHistory.class)
                .handle(call -> review.queries().history(actor(call), call.pathParam("userId")));

        api.get(BASE + "/health").summary("Queue depth, oldest waiting, throughput, time to decision").tag("review")
                .access(Access.staff()).response(200, QueueHealth.class)
                .handle(call -> review.queries().health(actor(call)));

        api.get(BASE + "/reason-codes").summary("Active reason codes: global ones and a circle's own").tag("review")
                .access(Access.staff()).query("circleId", Long.class, "include this circle's codes")
                .query("includeInactive", Boolean.class, "also deactivated codes (admins' editor)")
                .response(200, codes).errors(404)
                .handle(call -> review.reasonCodes().reasonCodes(positiveId(call, "circleId"),
                        Boolean.TRUE.equals(call.queryBoolean("includeInactive"))));

        api.post(BASE + "/reason-codes").summary("Create a reason code").tag("review")
                .access(Access.role(Role.ADMIN)).body(ReasonCode.class)
                .response(201, ReasonCode.class).errors(409)
                .handle(call -> {
                    ReasonCode created = review.reasonCodes().createReasonCode(actor(call), call.body());
                    call.etag(created.version());
                    return created;
                });

        api.put(BASE + "/reason-codes/{code}").summary("Change a reason code").tag("review")
                .access(Access.role(Role.ADMIN)).body(ReasonCode.class).header(IF_MATCH, "required")
                .response(200, ReasonCode.class).errors(412, 428)
                .handle(call -> {
                    ReasonCode updated = review.reasonCodes().updateReasonCode(actor(call), call.pathParam("code"),
                            call.requireIfMatch(), call.body());
                    call.etag(updated.version());
                    return updated;
                });

        api.delete(BASE + "/reason-codes/{code}").summary("Deactivate a reason code (history keeps it)").tag("review")
                .access(Access.role(Role.ADMIN)).response(204)
                .handle(call -> {
                    review.reasonCodes().deactivateReasonCode(actor(call), call.pathParam("code"));
                    return null;
                });

        mediaRoutes.register(api);
    }

    private static ReviewActor actor(Call call) {
        Principal p = call.principal();
        return new ReviewActor(p.staffId(), p.username(), p.role(), new LinkedHashSet<>(p.cityScopes()),
                p.clientAddress());
    }

    private static QueueFilter filterFrom(Call call) {
        JoinMode mode = null;
        String rawMode = call.query("mode");
        if (rawMode != null) {
            try {
                mode = JoinMode.valueOf(rawMode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Call.invalidQuery("mode", "review.query.mode");
            }
        }
        String sort = call.query("sort");
        if (sort != null && !sort.equals("age") && !sort.equals("risk")) {
            throw Call.invalidQuery("sort", "review.query.sort");
        }
        return new QueueFilter(call.query("city"), positiveId(call, "circleId"), mode, call.queryInt("minRisk", 1, 100),
                call.queryInt("olderThanMinutes", 1, 525_600), call.query("query"), sort == null ? "age" : sort);
    }

    private static Long positiveId(Call call, String name) {
        Long id = call.queryLong(name);
        if (id != null && id < 1) {
            throw Call.invalidQuery(name, "core.query.positiveId");
        }
        return id;
    }

    private static ApplicationDetail withEtag(Call call, ApplicationDetail detail) {
        call.etag(detail.version());
        return detail;
    }
}
