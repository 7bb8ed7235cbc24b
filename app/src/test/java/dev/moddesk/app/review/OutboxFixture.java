package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/**
 * A {@link FakeReviewServer} over real HTTP, a moderator's API client, a clock the test moves, and every outbox change
 * by key: what the outbox tests share. Close it after the test.
 */
final class OutboxFixture implements AutoCloseable {

    final FakeReviewServer fake = new FakeReviewServer();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    final Map<String, OutboxEntry> seen = new ConcurrentHashMap<>();
    final ReviewApi api;
    final Path dir;
    private final MockWebServer http = new MockWebServer();

    OutboxFixture(Path dir) {
        this.dir = dir;
        http.setDispatcher(fake.dispatcher());
        try {
            http.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // No silent resend by the HTTP client on a cut connection: the outbox's own retry is what is tested.
        ApiClient client = new ApiClient(http.url("/"), new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .build(), Json.mapper());
        client.useToken("mod1");
        api = new ReviewApi(client);
    }

    /** An outbox as the console makes one (writes on its own thread), with {@code backoff} between attempts. */
    DecisionOutbox outbox(Duration backoff, DecisionOutbox.Options options) {
        DecisionOutbox outbox = new DecisionOutbox(dir, api, Runnable::run, clock, backoff, backoff,
                options.withStaffId(FakeReviewServer.staffId("mod1")));
        outbox.addListener(e -> seen.put(e.idempotencyKey(), e));
        return outbox;
    }

    DecisionOutbox outbox(Duration backoff) {
        return outbox(backoff, DecisionOutbox.Options.defaults());
    }

    long claimed(String nickname) {
        long id = fake.addApplication(nickname, "喜欢爬山");
        fake.claimAs("mod1", id);
        return id;
    }

    OutboxEntry.SyncState stateOf(String key) {
        OutboxEntry e = seen.get(key);
        return e == null ? null : e.state();
    }

    int attemptsOf(String key) {
        OutboxEntry e = seen.get(key);
        return e == null ? 0 : e.attempts();
    }

    long filesOnDisk() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
