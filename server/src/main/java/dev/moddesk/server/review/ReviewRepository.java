package dev.moddesk.server.review;

import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.core.AuditLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What review's SQL does differently on PostgreSQL and on H2: row locks, claim-next, and how decisions are written.
 * The dialect is chosen once, when review is wired ({@link #forDatabase}); the SQL both share lives in the small
 * stores ({@link ApplicationStore}, {@link QueueStore}, {@link DecisionStore}, {@link CircleStore},
 * {@link ReasonCodeStore}).
 */
interface ReviewRepository {

    /** An application just claimed, with what its detail view needs: its circle, its viewers, and when. */
    record Claimed(ApplicationRow row, Circle circle, List<String> viewers, Instant at) {
    }

    /** The PostgreSQL store when {@code dataSource} is PostgreSQL, else the H2 store. */
    static ReviewRepository forDatabase(DataSource dataSource, ReviewStores stores, QueueFloors floors,
                                        Jdbi jdbi) {
        boolean postgres;
        try (Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product name", e);
        }
        return postgres ? new PostgresReviewStore(dataSource, stores, floors) : new H2ReviewStore(jdbi, stores);
    }

    /** Whether decisions are written by one statement each ({@link #decideRemembered}, lazily read answers). */
    boolean writesDecisionsInOneStatement();

    Optional<ApplicationRow> lockApplication(Handle h, long id);

    /** The rows of {@code ids} that exist, locked in id order (so two bulk requests cannot deadlock). */
    Map<Long, ApplicationRow> lockApplications(Handle h, Collection<Long> ids);

    /** The due rows of {@code ids}, locked in id order (see {@link ApplicationStore#lockedDueForPublish}). */
    List<ApplicationRow> lockDueForPublish(Handle h, List<Long> ids, Instant now);

    /**
     * Claims the first free application matching {@code f} within {@code actor}'s cities for a lease, or empty when
     * none is left; {@code clock} gives "now".
     */
    Optional<Claimed> claimNext(ReviewActor actor, QueueFilter f, Clock clock);

    /**
     * Writes every accepted decision of one call (the rows are locked and checked by the caller): claims where
     * needed, the decisions, the decision log, the idempotency records and the audit entries — {@code inlineAudit}
     * (may be null) in the same statement where the dialect can, else by running {@code recordAudit}. Fails the
     * call when a row did not change.
     */
    void writeDecisions(Handle h, List<DecisionStore.DecisionRow> rows, Instant now, Instant claimUntil,
                        AuditLog.Entry inlineAudit, Runnable recordAudit);

    /**
     * One decision on a row as this node remembered claiming it, written only if the row still matches
     * {@code pins}: with {@code h} inside the caller's transaction, without it (null) as one autocommit statement
     * that also writes {@code inlineAudit}. Returns 1 when written, else 0. Only when
     * {@link #writesDecisionsInOneStatement()}.
     */
    int decideRemembered(Handle h, DecisionStore.DecisionRow row, Instant claimUntil, AuditLog.Entry inlineAudit,
                         DecisionStore.Pins pins);
}
