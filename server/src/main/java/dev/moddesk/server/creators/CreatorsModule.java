package dev.moddesk.server.creators;

import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.platform.IngestHandler;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The creators feature's services, wired once per node with the stores they share. */
public final class CreatorsModule {

    private final CreatorQueries queries;
    private final CreatorChanges changes;
    private final BulkChanges bulk;
    private final QuotaRequests quotaRequests;
    private final OverrideLapses lapses;
    private final CreatorIngest ingest;
    private final Jdbi jdbi;
    private final CreatorStore creators = new CreatorStore();
    private final Clock clock;

    public CreatorsModule(Jdbi jdbi, Clock clock, AuditLog auditLog, ActionPublisher actions) {
        this.jdbi = jdbi;
        this.clock = clock;
        FanGroupStore groups = new FanGroupStore();
        QuotaRequestStore requests = new QuotaRequestStore();
        CreatorLoader loader = new CreatorLoader(creators, groups);
        CreatorRecorder recorder = new CreatorRecorder(auditLog, actions);
        this.queries = new CreatorQueries(jdbi, creators, groups, loader, clock);
        this.changes = new CreatorChanges(jdbi, creators, groups, loader, recorder, clock);
        this.bulk = new BulkChanges(jdbi, creators, loader, changes, recorder, clock);
        this.quotaRequests = new QuotaRequests(jdbi, requests, creators, loader, changes, recorder, clock);
        this.lapses = new OverrideLapses(jdbi, creators, loader, recorder, clock);
        this.ingest = new CreatorIngest(creators, groups, requests, loader, recorder, actions, clock);
    }

    CreatorQueries queries() {
        return queries;
    }

    CreatorChanges changes() {
        return changes;
    }

    BulkChanges bulk() {
        return bulk;
    }

    QuotaRequests quotaRequests() {
        return quotaRequests;
    }

    /** Ends lapsed overrides (the job every node runs); returns how many this call ended. */
    public int lapseDue(int limit) {
        return lapses.lapseDue(limit);
    }

    /** Drops idempotency records older than a day. */
    int forgetOldKeys() {
        return jdbi.inTransaction(h -> creators.forgetIdempotencyRecords(h, clock.instant().minusSeconds(86_400)));
    }

    /** The handlers of the creator event types, for the platform ingest API. */
    public List<IngestHandler> ingestHandlers() {
        return ingest.handlers();
    }
}
