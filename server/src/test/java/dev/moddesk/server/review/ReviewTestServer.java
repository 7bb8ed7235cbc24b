package dev.moddesk.server.review;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.server.ModDeskServer;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.ActionFeed;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real server with only the review feature and a token authenticator standing in for sessions (token = one of
 * the fixed staff below), so review's HTTP behaviour is tested on its own. Used by the HTTP tests and the benchmark.
 */
final class ReviewTestServer implements AutoCloseable {

    static final Map<String, Principal> STAFF = Map.of(
            "alice", Principal.staff(1, "alice", Role.MODERATOR, List.of(), "127.0.0.1"),
            "bob", Principal.staff(2, "bob", Role.MODERATOR, List.of(), "127.0.0.1"),
            "carol", Principal.staff(3, "carol", Role.MODERATOR, List.of("上海"), "127.0.0.1"),
            "root", Principal.staff(9, "root", Role.ADMIN, List.of(), "127.0.0.1"));

    final ModDeskServer server;
    final RecordingActions actions = new RecordingActions();
    ReviewFeature feature;
    private final Runnable dropDatabase;

    ReviewTestServer(Backend backend, Clock clock) {
        this(backend, clock, Map.of());
    }

    /** {@code extraStaff} adds tokens (the benchmark's moderators). */
    ReviewTestServer(Backend backend, Clock clock, Map<String, Principal> extraStaff) {
        this(backend, clock, extraStaff, false);
    }

    /**
     * {@code realActionFeed}: final decisions go to the platform's action feed tables (with webhook queueing) as in
     * the product, instead of {@link #actions}.
     */
    ReviewTestServer(Backend backend, Clock clock, Map<String, Principal> extraStaff, boolean realActionFeed) {
        TestDatabase.Place place = TestDatabase.place(backend, "rv_");
        dropDatabase = place.drop();
        Database.Settings settings = place.settings();
        ServerConfig config = ServerConfig.defaults(settings, null).withPort(0).withClock(clock);
        Map<String, Principal> tokens = new java.util.HashMap<>(STAFF);
        tokens.putAll(extraStaff);
        List<Function<Services, Feature>> features = List.of(
                services -> new TokenAuth(tokens),
                services -> feature = new ReviewFeature(services, realActionFeed
                        ? new ActionFeed(services.database().jdbi(), Json.mapper(), services.clock()) : actions,
                        sandboxClips(),
                        ReviewFeature.sharedSecret(services)));
        server = new ModDeskServer(config, features);
        try {
            server.start();
        } catch (RuntimeException e) {
            dropDatabase.run();
            throw e;
        }
    }

    /** A media store in a temporary folder holding the sandbox's clips and posters, as the sandbox uploads them. */
    static MediaStore sandboxClips() {
        try {
            FolderMediaStore store = new FolderMediaStore(java.nio.file.Files.createTempDirectory("rv-media-"));
            for (String key : dev.moddesk.server.sandbox.SandboxMedia.keys()) {
                java.nio.file.Path staged = java.nio.file.Files.createTempFile(store.staging(), "seed", ".part");
                try (var in = ReviewTestServer.class.getResourceAsStream("/sandbox/media/" + key)) {
                    java.nio.file.Files.copy(java.util.Objects.requireNonNull(in, key), staged,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                store.put(key, staged, FolderMediaStore.sha256(staged));
            }
            return store;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    TestClient client(String token) {
        return new TestClient(server.baseUrl(), token);
    }

    ReviewModule review() {
        return feature.review();
    }

    String circle(String ext, String name, String city) {
        server.services().database().jdbi().useTransaction(h -> review().ingest().upsertCircle(h, ext, name, city, "徒步",
                JoinMode.EITHER, List.of("你为什么想加入？"), 5, "owner"));
        return ext;
    }

    long submit(String ext, String circleExt, String userId, String answer, String videoKey, Instant at) {
        server.services().database().jdbi().useTransaction(h -> review().ingest().submit(h, new ApplicationIngest.Submission(ext,
                circleExt, new Applicant(userId, "昵称" + userId, null, Instant.parse("2020-01-01T00:00:00Z")), null,
                answer == null ? List.of() : List.of(new StoredAnswer(1, answer)), videoKey,
                videoKey == null ? null : videoKey.replace(".mp4", ".jpg"), videoKey == null ? null : 4, "我的视频", at)));
        return server.services().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM review_application WHERE external_id = :e").bind("e", ext).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            dropDatabase.run();
        }
    }

    /** Recognises the fixed test tokens as staff sessions. */
    private record TokenAuth(Map<String, Principal> tokens) implements Feature {
        @Override
        public void register(Api api) {
            api.authenticator(Access.Kind.STAFF, (ctx, address) -> {
                String auth = ctx.header("Authorization");
                if (auth == null || !auth.startsWith("Bearer ")) {
                    return Optional.empty();
                }
                return Optional.ofNullable(tokens.get(auth.substring(7)));
            });
        }
    }
}
