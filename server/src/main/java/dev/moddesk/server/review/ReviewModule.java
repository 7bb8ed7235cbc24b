package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.rooms.actions.RoomInfractions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Circle review's services, wired once per node: what they share (the store, the claims this node remembers, the
 * queue floors) is made here. Routes and jobs call the services directly.
 */
public final class ReviewModule {

    private final ApplicationQueries queries;
    private final ClaimService claims;
    private final DecisionService decisions;
    private final UndoService undo;
    private final ReasonCodeService reasonCodes;
    private final ApplicationIngest ingest;
    private final ApplicationExpiry expiry;
    private final FinalActionPublisher publisher;

    /** As below, keeping idempotency records for {@link ServerConfig#DEFAULT_IDEMPOTENCY_RETENTION}. */
    public ReviewModule(Jdbi jdbi, DataSource dataSource, Clock clock, ReviewScreen screen, ReviewAudit audit,
                        ActionPublisher actions, MediaLinks media, ObjectMapper mapper) {
        this(jdbi, dataSource, clock, screen, audit, actions, media, mapper, ServerConfig.DEFAULT_IDEMPOTENCY_RETENTION);
    }

    /**
     * {@code dataSource} is the one {@code jdbi} draws on: the one-statement paths take its connections directly.
     * {@code idempotencyRetention}: how long answers to idempotent writes are kept for replay.
     */
    public ReviewModule(Jdbi jdbi, DataSource dataSource, Clock clock, ReviewScreen screen, ReviewAudit audit,
                        ActionPublisher actions, MediaLinks media, ObjectMapper mapper, Duration idempotencyRetention) {
        this(jdbi, dataSource, clock, screen, audit, actions, media, mapper, idempotencyRetention,
                ApplicantInfractions.NONE);
    }

    /** As above, with the applicants' room infractions read from {@code infractions}. */
    public ReviewModule(Jdbi jdbi, DataSource dataSource, Clock clock, ReviewScreen screen, ReviewAudit audit,
                        ActionPublisher actions, MediaLinks media, ObjectMapper mapper, Duration idempotencyRetention,
                        ApplicantInfractions infractions) {
        Objects.requireNonNull(jdbi);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(audit);
        Objects.requireNonNull(actions);
        ReviewJson json = new ReviewJson(mapper);
        RiskAssessor risk = new RiskAssessor(screen.words());
        QueueFloors floors = new QueueFloors();
        RememberedClaims remembered = new RememberedClaims();
        ReviewStores stores = new ReviewStores();
        // The dialect is chosen here, once: everything below gets the store for this database.
        ReviewRepository repository = ReviewRepository.forDatabase(Objects.requireNonNull(dataSource), stores, floors,
                jdbi);
        ApplicationViews views = new ApplicationViews(json, Objects.requireNonNull(media), risk.screen());
        ApplicationLoader loader = new ApplicationLoader(stores, repository, views);
        IdempotencyKeys keys = new IdempotencyKeys(stores, json);
        this.reasonCodes = new ReasonCodeService(jdbi, stores, audit, json, clock);
        this.queries = new ApplicationQueries(jdbi, stores, clock, loader, views, reasonCodes,
                Objects.requireNonNull(infractions));
        this.claims = new ClaimService(jdbi, stores, repository, clock, audit, loader, views,
                remembered, floors);
        this.decisions = new DecisionService(jdbi, stores, repository, clock, audit, json,
                new ApplicantMessages(json), reasonCodes, remembered, keys);
        this.undo = new UndoService(jdbi, stores, clock, audit, json, loader, keys);
        this.ingest = new ApplicationIngest(stores, clock, risk, json, floors, audit);
        this.expiry = new ApplicationExpiry(jdbi, stores, clock, audit, actions,
                Objects.requireNonNull(idempotencyRetention));
        this.publisher = new FinalActionPublisher(jdbi, stores, repository, clock, actions);
    }

    /**
     * Review as a server runs it: audit entries go to the core's audit log, actions to {@code actions} (null: none
     * are published, and nothing may call {@link FinalActionPublisher#publishFinalDecisions}).
     */
    static ReviewModule forServer(Services services, ActionPublisher actions, MediaLinks links) {
        ReviewAudit audit = auditTo(services.auditLog());
        ActionPublisher publisher = actions != null ? actions : (h, type, targetType, targetId, payload) -> {
            throw new IllegalStateException("no action feed is wired");
        };
        return new ReviewModule(services.database().jdbi(), services.database().dataSource(), services.clock(),
                ReviewScreen.bundled(), audit, publisher, links, Json.mapper(),
                services.config().idempotencyRetention(),
                new RoomInfractions(services.database().jdbi())::of);
    }

    /** Review's audit entries written to the core's audit log, in the caller's transaction (as a server runs it). */
    static ReviewAudit auditTo(AuditLog log) {
        return new ReviewAudit() {
            @Override
            public void record(Handle handle, ReviewActor actor, String action, String targetType, String targetId,
                               Map<String, Object> before, Map<String, Object> after, String reason) {
                log.record(handle, new AuditLog.Entry(actor == ReviewActor.SYSTEM ? null : actor.staffId(),
                        actor.name(), action, targetType, targetId, before, after, reason, actor.clientAddress()));
            }

            @Override
            public boolean writesAuditLogTable() {
                return true;
            }

            @Override
            public void recordAll(Handle handle, ReviewActor actor, List<Change> changes) {
                log.recordAll(handle, changes.stream().map(c -> new AuditLog.Entry(actor.staffId(), actor.name(),
                        c.action(), c.targetType(), c.targetId(), c.before(), c.after(), c.reason(),
                        actor.clientAddress())).toList());
            }
        };
    }

    public ApplicationQueries queries() {
        return queries;
    }

    public ClaimService claims() {
        return claims;
    }

    public DecisionService decisions() {
        return decisions;
    }

    public UndoService undo() {
        return undo;
    }

    public ReasonCodeService reasonCodes() {
        return reasonCodes;
    }

    public ApplicationIngest ingest() {
        return ingest;
    }

    public ApplicationExpiry expiry() {
        return expiry;
    }

    public FinalActionPublisher publisher() {
        return publisher;
    }
}
