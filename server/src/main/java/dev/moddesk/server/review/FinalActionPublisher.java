package dev.moddesk.server.review;

import dev.moddesk.server.platform.ActionPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends decisions to the platform's action feed once their undo window has closed, so the platform never sees a
 * decision that was undone.
 */
public final class FinalActionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FinalActionPublisher.class);

    private final Jdbi jdbi;
    private final ReviewStores stores;
    private final ReviewRepository repository;
    private final Clock clock;
    private final ActionPublisher actions;

    FinalActionPublisher(Jdbi jdbi, ReviewStores stores, ReviewRepository repository, Clock clock, ActionPublisher actions) {
        this.jdbi = jdbi;
        this.stores = stores;
        this.repository = repository;
        this.clock = clock;
        this.actions = actions;
    }

    /**
     * Publishes the platform action of every decision whose undo window has closed; returns how many. Each runs in
     * its own transaction with the conditional update that ends the undo window, so an undo racing the job either
     * wins (nothing is published) or loses (the undo gets 409).
     */
    public int publishFinalDecisions(int limit) {
        Instant now = clock.instant();
        List<Long> due = jdbi.withHandle(h -> stores.applications().dueForPublish(h, now, limit));
        if (due.isEmpty()) {
            return 0;
        }
        // One transaction for the whole batch: lock the rows still due (an undo or another node's publisher may have
        // been first), end their undo windows and append their actions with one feed lock.
        int published = jdbi.inTransaction(h -> {
            List<ApplicationRow> rows = repository.lockDueForPublish(h, due, now);
            if (rows.isEmpty()) {
                return 0;
            }
            stores.applications().markAllPublished(h, rows.stream().map(ApplicationRow::id).toList());
            List<ActionPublisher.Action> out = new ArrayList<>(rows.size());
            for (ApplicationRow row : rows) {
                String type = switch (row.decisionKind()) {
                    case APPROVE -> "application.approved";
                    case REJECT -> "application.rejected";
                    case NEEDS_INFO -> "application.needs_info";
                };
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("applicationId", row.externalId());
                payload.put("circleId", row.circleExternalId());
                payload.put("userId", row.applicantId());
                payload.put("reasonCode", row.decisionReason());
                payload.put("cooldownDays", row.decisionCooldown() == null ? 0 : row.decisionCooldown());
                payload.put("message", row.decisionMessage());
                payload.put("question", row.decisionQuestion());
                out.add(new ActionPublisher.Action(type, "application", row.externalId(), payload));
            }
            actions.publishAll(h, out);
            return rows.size();
        });
        if (published > 0) {
            LOG.debug("published {} final review decisions", published);
        }
        return published;
    }
}
