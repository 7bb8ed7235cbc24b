package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A review module on its own test database, with circles and applications made through the ingest service. */
final class CityQueueFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
    final TestDatabase db;
    final ReviewModule review;
    private int sequence;

    CityQueueFixture(Backend backend) {
        db = TestDatabase.create(backend);
        review = new ReviewModule(db.jdbi(), db.dataSource(), clock, ReviewScreen.bundled(), new RecordingAudit(),
                new RecordingActions(), new MediaLinks("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1)), JSON);
    }

    void circle(String ext, String city) {
        db.jdbi().useTransaction(h -> review.ingest().upsertCircle(h, ext, ext, city, "兴趣", JoinMode.EITHER,
                List.of("你为什么想加入？"), 10, "owner"));
    }

    /** A new account with a screened phrase: a risk score of 60 or more. */
    long risky(String circle) {
        return submit(circle, clock.instant().minus(Duration.ofDays(2)), "想加入，加.微.信 abc" + sequence + " 有福利");
    }

    /** An old account with an ordinary answer: no risk signal. */
    long calm(String circle) {
        return submit(circle, clock.instant().minus(Duration.ofDays(400)), "周末想一起玩，认识同城朋友" + sequence);
    }

    private long submit(String circle, Instant accountCreated, String answer) {
        String ext = "app-" + ++sequence;
        db.jdbi().useTransaction(h -> review.ingest().submit(h, new ApplicationIngest.Submission(ext, circle,
                new Applicant("u" + sequence, "昵称" + sequence, null, accountCreated), null,
                List.of(new StoredAnswer(1, answer)), null, null, null, null, clock.instant())));
        clock.advance(Duration.ofSeconds(1));
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM review_application WHERE external_id = :e")
                .bind("e", ext).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        db.close();
    }
}
