package dev.moddesk.server.creators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.QuotaRequest;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.platform.ActionFeed;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.sandbox.CreatorsActivity;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import dev.moddesk.server.sandbox.SimulationContext;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sandbox's creators applied through the creator ingest handlers as the ingest API would (no simulator run). */
class SandboxCreatorsIngestTest {

    @Test
    void theSeedHasTheStoryCreatorAndCreatorsOverQuotaAndTicksBringQuotaRequests() {
        MutableClock clock = new MutableClock(Instant.parse("2026-07-01T09:00:00Z"));
        try (TestDatabase db = TestDatabase.create(Backend.H2)) {
            CreatorsModule module = new CreatorsModule(db.jdbi(), clock, new AuditLog(clock),
                    new ActionFeed(db.jdbi(), Json.mapper(), clock));
            Map<String, IngestHandler> handlers = module.ingestHandlers().stream()
                    .collect(Collectors.toMap(IngestHandler::type, Function.identity()));
            CreatorsActivity activity = new CreatorsActivity(new SimulationContext(new Random(3),
                    new SimulatedPopulation()));
            List<IngestEvent> events = new ArrayList<>(activity.seed(clock.instant()));
            for (int i = 0; i < 2_400; i++) {
                clock.advance(Duration.ofMillis(250));
                events.addAll(activity.tick(clock.instant()));
            }
            for (IngestEvent e : events) {
                db.jdbi().useTransaction(h -> handlers.get(e.type()).apply(h, new IngestHandler.Event(e.eventId(),
                        e.type(), e.occurredAt(), Json.mapper().valueToTree(e.payload()))));
            }

            CreatorSummary sunny = module.queries().search("晴天", null, null, null, 10).items().getFirst();
            CreatorDetail story = module.queries().detail(sunny.id());
            assertThat(story.groups()).hasSizeGreaterThanOrEqualTo(50);
            assertThat(story.groups()).filteredOn(g -> g.shown()).hasSize(5);
            assertThat(story.usage().overQuotaBy()).isGreaterThanOrEqualTo(45);

            long overQuota = module.queries().search(null, "STANDARD", null, null, 100).items().stream()
                    .filter(c -> c.groupsOwned() > 5).count();
            assertThat(overQuota).isGreaterThan(3);
            assertThat(module.bulk().tiers()).extracting(t -> t.creators()).allMatch(n -> n > 10);
            assertThat(module.quotaRequests().page(QuotaRequest.Status.PENDING, null, 200).items()).isNotEmpty();
        }
    }
}
