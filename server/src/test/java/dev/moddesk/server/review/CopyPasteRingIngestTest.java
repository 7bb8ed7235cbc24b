package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.RiskSignal;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A spam wave through the real ingest API: 200 applicants send the same answer. Each new member costs the same few
 * statements however large the ring is, and every member, the first ones included, shows the ring's current size to
 * the moderator and is found by a minimum-risk claim-next.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class CopyPasteRingIngestTest {

    private static final String COPIED = "我热爱读书，每月读十本书，希望和大家交流";
    private static final int WAVE = 200;
    private static final int BATCH = 50;

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
    private final StatementCounter counter = new StatementCounter();
    private TestServer server;
    private TestClient platform;
    private TestClient moderator;
    private int events;

    @BeforeEach
    void setUp() {
        server = TestServers.start(backend, config -> config.withClock(clock), List.of());
        platform = server.client().withToken(server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("douyin")).as(CreatedPlatformKey.class).key());
        moderator = server.as(Role.MODERATOR);
        send(List.of(event("circle.upserted", Map.of("circleId", "c1", "name", "读书会", "city", "北京", "topic", "读书",
                "joinMode", "QUESTIONS", "questions", List.of("你为什么想加入？")))));
        server.server().services().database().jdbi().getConfig(SqlStatements.class).setSqlLogger(counter);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aSpamWaveCostsEachMemberTheSameAndEveryMemberShowsTheCurrentRing() {
        send(List.of(application("genuine-1", "reader-1", "我每周去图书馆，最近在读三体第二部"),
                application("genuine-2", "reader-2", "想找人一起讨论红楼梦里的诗词")));
        List<Work> work = new ArrayList<>();
        for (int from = 0; from < WAVE; from += BATCH) {
            List<IngestEvent> batch = new ArrayList<>();
            for (int i = from; i < from + BATCH; i++) {
                batch.add(application("spam-" + i, "spammer-" + i, COPIED));
            }
            counter.reset();
            send(batch);
            work.add(counter.work());
        }
        Work first = work.getFirst();
        Work last = work.getLast();
        assertThat(last.applicationUpdates()).as("application rows rewritten by the last %d submits (first: %s)",
                BATCH, first).isLessThanOrEqualTo(first.applicationUpdates()).isEqualTo(BATCH);
        assertThat(last.statements()).as("review statements of the last %d submits (first: %s)", BATCH, first)
                .isLessThanOrEqualTo(first.statements());

        Map<String, Long> ids = new java.util.HashMap<>();
        List<ApplicationSummary> risky = queue(new QueueFilter(null, null, null, 30, null, null, "age"));
        assertThat(risky).hasSize(WAVE).allSatisfy(a -> assertThat(a.riskCodes()).contains("DUPLICATE_TEXT"));
        for (ApplicationSummary a : queue(QueueFilter.all())) {
            ids.put(a.applicantId(), a.id());
        }
        // Before the ring formed, after, and the last: each shows the ring as it is now.
        for (String applicant : List.of("spammer-0", "spammer-1", "spammer-2", "spammer-" + (WAVE - 1))) {
            ApplicationDetail detail = moderator.get("/api/v1/review/applications/" + ids.get(applicant))
                    .as(ApplicationDetail.class);
            assertThat(detail.riskScore()).as(applicant).isEqualTo(30);
            assertThat(detail.risks()).as(applicant).singleElement().satisfies(ring -> {
                assertThat(ring.code()).isEqualTo("DUPLICATE_TEXT");
                assertThat(ring.params()).containsEntry("applicants", Integer.toString(WAVE));
                assertThat(ring.detail()).isEqualTo("same answer from " + WAVE + " applicants");
            });
        }
        assertThat(moderator.get("/api/v1/review/applications/" + ids.get("reader-1")).as(ApplicationDetail.class)
                .risks()).isEmpty();

        // A moderator working the risky end, oldest first, gets the wave's first member, not the genuine readers.
        TestClient.Response next = moderator.post("/api/v1/review/claims/next",
                new QueueFilter(null, null, null, 30, null, null, "age"));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        ApplicationDetail claimed = next.as(ApplicationDetail.class);
        assertThat(claimed.id()).isEqualTo(ids.get("spammer-0"));
        assertThat(claimed.risks()).extracting(RiskSignal::params)
                .containsExactly(Map.of("applicants", Integer.toString(WAVE)));

        // An applicant the platform erases leaves the ring: the others show it one smaller.
        send(List.of(event("user.erased", Map.of("userId", "spammer-" + (WAVE - 1)))));
        assertThat(moderator.get("/api/v1/review/applications/" + ids.get("spammer-1")).as(ApplicationDetail.class)
                .risks()).extracting(RiskSignal::detail).containsExactly("same answer from " + (WAVE - 1) + " applicants");
    }

    private List<ApplicationSummary> queue(QueueFilter f) {
        List<ApplicationSummary> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/review/queue?limit=200&sort=" + f.sort()
                    + (f.minRisk() == null ? "" : "&minRisk=" + f.minRisk())
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8));
            Page<ApplicationSummary> page = moderator.get(path).as(new TypeReference<Page<ApplicationSummary>>() { });
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private IngestEvent application(String id, String userId, String answer) {
        clock.advance(Duration.ofSeconds(1));
        return event("application.submitted", Map.of("applicationId", id, "circleId", "c1",
                "applicant", Map.of("userId", userId, "nickname", "读者" + userId,
                        "accountCreatedAt", "2020-01-01T00:00:00Z"),
                "answers", List.of(Map.of("position", 1, "text", answer)),
                "submittedAt", clock.instant().toString()));
    }

    private IngestEvent event(String type, Map<String, Object> payload) {
        return new IngestEvent("evt-" + ++events, type, clock.instant(), payload);
    }

    private void send(List<IngestEvent> batch) {
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(batch));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.as(IngestBatchResult.class).outcomes()).as(r.toString())
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(IngestStatus.APPLIED));
    }

    /** What a run of submits cost the database: review's statements, and how many rewrote an application row. */
    private record Work(int statements, int applicationUpdates) {
    }

    /** Counts review's statements as JDBI runs them (a batch counts once). */
    private static final class StatementCounter implements SqlLogger {
        private final AtomicInteger statements = new AtomicInteger();
        private final AtomicInteger applicationUpdates = new AtomicInteger();

        @Override
        public void logAfterExecution(StatementContext context) {
            String sql = String.valueOf(context.getRenderedSql()).strip().toLowerCase(Locale.ROOT);
            if (!sql.contains("review_")) {
                return;
            }
            statements.incrementAndGet();
            if (sql.startsWith("update review_application ")) {
                applicationUpdates.incrementAndGet();
            }
        }

        void reset() {
            statements.set(0);
            applicationUpdates.set(0);
        }

        Work work() {
            return new Work(statements.get(), applicationUpdates.get());
        }
    }
}
