package dev.moddesk.server.lifecycle;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.lifecycle.AccessRequest;
import dev.moddesk.contract.lifecycle.BackupResult;
import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.contract.lifecycle.ErasureRequest;
import dev.moddesk.contract.lifecycle.RetentionPolicy;
import dev.moddesk.server.core.BackgroundJobs;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Reply;
import dev.moddesk.server.core.RetentionSettings;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data lifecycle (issue 13): retention of every registered kind (a job on every node), erasure and the access
 * request (ADMIN routes, audited) and the platform's {@code user.erased} event. What each feature keeps it declares
 * itself with {@link DataLifecycle}; this feature knows none of them.
 */
public final class LifecycleFeature implements Feature {

    static final int MAX_USER_ID = 100;
    static final int MAX_REASON = 500;
    private static final String BASE = "/api/v1/lifecycle";
    /** How often the retention job runs on each node. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final Services services;
    private final DataLifecycle lifecycle;
    private final UserDataRequests requests;
    private final RetentionJob retention;
    private final Backups backups;
    private BackgroundJobs job;

    public LifecycleFeature(Services services) {
        this.services = services;
        this.lifecycle = DataLifecycle.of(services);
        Erasure erasure = new Erasure(lifecycle, Pseudonyms.forServer(services), services.auditLog(), services.clock());
        this.requests = new UserDataRequests(services.database().jdbi(), erasure, new UserExport(lifecycle),
                services.auditLog(), services.clock());
        this.retention = new RetentionJob(lifecycle, services.clock(), services.metrics());
        this.backups = new Backups(services);
        PlatformGateway.of(services).ingest().register(new UserErasedHandler(erasure));
    }

    @Override
    public void register(Api api) {
        api.get(BASE + "/retention").summary("How long each kind of data is kept (read-only; set by server options)")
                .tag("lifecycle").access(Access.role(Role.ADMIN))
                .response(200, RetentionPolicy.class)
                .handle(call -> policy());
        api.post(BASE + "/erasures").summary("Erase a platform user's personal data everywhere (audited)")
                .description("Nickname, city, answers, video and poster files, captions, messages and notes go; "
                        + "decisions, who made them, when and with which reason code stay under a stable "
                        + "pseudonym. Answers what was removed.")
                .tag("lifecycle").access(Access.role(Role.ADMIN))
                .body(ErasureRequest.class)
                .response(200, ErasureReport.class)
                .handle(this::erase);
        api.post(BASE + "/exports").summary("Everything ModDesk holds about a platform user, as one JSON file")
                .description("The access request: one document with a part per feature; audited. Sent as an "
                        + "attachment with a file name safe on every disk.")
                .tag("lifecycle").access(Access.role(Role.ADMIN))
                .body(AccessRequest.class)
                .response(200, Map.class)
                .handle(this::export);
        api.post(BASE + "/backups").summary("Online backup of the embedded H2 database into the data folder")
                .description("H2's BACKUP TO, taken while the server runs, into <data dir>/backups/moddesk-<UTC "
                        + "time>.zip (no path is taken from the request). A PostgreSQL server answers 409: back it "
                        + "up with pg_dump (docs/backup.md).")
                .tag("lifecycle").access(Access.role(Role.ADMIN))
                .response(201, BackupResult.class).errors(409)
                .handle(call -> backups.backup(call.principal()));
    }

    /** The retention settings as the API shows them. */
    RetentionPolicy policy() {
        RetentionSettings r = services.config().retention();
        return new RetentionPolicy(List.of(
                new RetentionPolicy.Kind("audit.log", r.auditLog().toDays(), RetentionSettings.AUDIT_MINIMUM.toDays(),
                        "--retention-audit-days"),
                new RetentionPolicy.Kind("rooms.held_messages", r.heldMessages().toDays(), 0,
                        "--retention-held-messages-days"),
                new RetentionPolicy.Kind("rooms.actions", r.auditLog().toDays(), RetentionSettings.AUDIT_MINIMUM.toDays(),
                        "--retention-audit-days"),
                new RetentionPolicy.Kind("rooms.reports", r.heldMessages().toDays(), 0,
                        "--retention-held-messages-days"),
                new RetentionPolicy.Kind("rooms.appeals", r.auditLog().toDays(),
                        RetentionSettings.AUDIT_MINIMUM.toDays(), "--retention-audit-days"),
                new RetentionPolicy.Kind("review.media", r.decidedMedia().toDays(), 0, "--retention-media-days"),
                new RetentionPolicy.Kind("platform.webhook_deliveries", r.webhookDeliveries().toDays(), 0,
                        "--retention-webhook-deliveries-days"),
                new RetentionPolicy.Kind("platform.ingest_events", r.ingestEvents().toDays(), 0,
                        "--retention-ingest-events-days")));
    }

    private ErasureReport erase(Call call) {
        ErasureRequest request = call.body();
        String userId = checkedUserId(request.userId());
        String reason = request.reason() == null ? null : request.reason().strip();
        if (reason == null || reason.isEmpty()) {
            throw ProblemException.invalid("reason", "lifecycle.field.reasonRequired");
        }
        if (reason.length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "lifecycle.field.reasonTooLong", MAX_REASON);
        }
        return requests.erase(call.principal(), userId, reason, call.language());
    }

    private Reply export(Call call) {
        AccessRequest request = call.body();
        String userId = checkedUserId(request.userId());
        Map<String, Object> document = requests.export(call.principal(), userId);
        return Reply.json(200, document).withHeader("Content-Disposition",
                "attachment; filename=\"" + UserExport.fileName(userId) + "\"");
    }

    private static String checkedUserId(String userId) {
        List<FieldProblem> problems = new ArrayList<>();
        if (userId == null || userId.isBlank()) {
            problems.add(FieldProblem.of("userId", "lifecycle.field.userIdRequired"));
        } else if (userId.length() > MAX_USER_ID) {
            problems.add(FieldProblem.of("userId", "lifecycle.field.userIdTooLong", MAX_USER_ID));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return userId;
    }

    /** One pass of the retention job (tests call it with their clock moved on). */
    public Map<String, Integer> pruneNow() {
        return retention.runOnce(RetentionJob.BATCH, RetentionJob.MAX_BATCHES);
    }

    @Override
    public void start() {
        retention.registerCounters();
        // One failed run (a database hiccup) no longer ends pruning for good: the next one comes as planned.
        job = BackgroundJobs.on("moddesk-retention").every(PRUNE_EVERY, PRUNE_EVERY, "Pruning expired data",
                this::pruneNow);
    }

    @Override
    public void stop() {
        if (job != null) {
            job.close();
        }
    }
}
