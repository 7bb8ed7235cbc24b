package dev.moddesk.server.review;

import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claim-next on H2 against a rival that wins every race for a while: rounds are counted, not timed. The rival takes
 * each round's candidates right after they are read, with a lease that ends at that instant; the clock then moves on a
 * millisecond, so the next read sees them free again.
 */
class H2ClaimNextContentionTest {

    private static final ReviewActor ALICE = new ReviewActor(1, "alice", Role.MODERATOR, Set.of());
    private static final long RIVAL = 77;

    private TestDatabase db;
    private MutableClock clock;
    private ReviewModule module;
    private final AtomicInteger rounds = new AtomicInteger();

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(Backend.H2);
        clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        ActionPublisher none = (h, type, targetType, targetId, payload) -> 0;
        module = new ReviewModule(db.jdbi(), db.dataSource(), clock, ReviewScreen.bundled(), ReviewAudit.NONE, none,
                new MediaLinks("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1)),
                new ObjectMapper().registerModule(new JavaTimeModule()));
        db.jdbi().useTransaction(h -> {
            module.ingest().upsertCircle(h, "c1", "争抢", "北京", "徒步", JoinMode.EITHER, List.of("为什么？"), 10, "owner");
            for (int i = 0; i < 3; i++) {
                module.ingest().submit(h, new ApplicationIngest.Submission("a" + i, "c1",
                        new Applicant("u" + i, "n" + i, "北京", Instant.parse("2020-01-01T00:00:00Z")), null,
                        List.of(new StoredAnswer(1, "想加入" + i)), null, null, null, null, clock.instant().minusSeconds(60 - i)));
            }
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** A rival that takes every candidate of the first {@code contended} rounds (committed, on its own connection). */
    private H2ReviewStore storeWithRival(int contended) {
        return new H2ReviewStore(db.jdbi(), new ReviewStores(), candidates -> {
            if (rounds.incrementAndGet() > contended) {
                return;
            }
            Instant now = clock.instant();
            db.jdbi().useHandle(h -> h.createUpdate("""
                    UPDATE review_application SET claimed_by = :rival, claimed_by_name = 'rival', claim_expires_at = :now
                    WHERE id IN (<ids>)""").bind("rival", RIVAL).bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .bindList("ids", candidates).execute());
            clock.advance(Duration.ofMillis(1));
        });
    }

    @Test
    void claimNextAnswersEmptyOnlyWhenNothingMatchingIsFree() {
        Optional<ReviewRepository.Claimed> claimed = storeWithRival(21).claimNext(ALICE, QueueFilter.all(), clock);
        assertThat(rounds.get()).as("21 lost rounds, then a won one").isEqualTo(22);
        assertThat(claimed).as("three rows were free all along").isPresent();
        assertThat(claimed.orElseThrow().row().claimedBy()).isEqualTo(ALICE.staffId());
    }

    @Test
    void claimNextIsEmptyWhenEveryRowIsTaken() {
        H2ReviewStore store = storeWithRival(0);
        for (int i = 0; i < 3; i++) {
            assertThat(store.claimNext(ALICE, QueueFilter.all(), clock)).isPresent();
        }
        assertThat(store.claimNext(ALICE, QueueFilter.all(), clock)).isEmpty();
    }
}
