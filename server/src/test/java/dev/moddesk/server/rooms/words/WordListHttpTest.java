package dev.moddesk.server.rooms.words;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.WordList;
import dev.moddesk.contract.rooms.WordListUpdate;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The word list over real HTTP on H2 and PostgreSQL: every change is one words.list feed action with the next version
 * and the whole list, an audit entry, and the screen live rooms use; keyed 422s change nothing; moderators get 403.
 */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WordListHttpTest {

    private static final String HOSTILE = "<script>alert(1)</script>' OR 1=1 --";

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private TestServer server;
    private OpenApiContract contract;
    private TestClient ops;
    private TestClient platform;
    private long feedCursor;

    @BeforeParameterizedClassInvocation
    void start(Backend backend) {
        feedCursor = 0; // the instance outlives one backend's server
        server = TestServers.start(backend, config -> config.withClock(clock), List.of());
        contract = new OpenApiContract(server);
        ops = server.as(Role.OPS);
        CreatedPlatformKey key = server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("word list test")).as(CreatedPlatformKey.class);
        platform = server.client().withToken(key.key());
        wordsOnFeed();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    private List<WordListUpdate> wordsOnFeed() {
        List<WordListUpdate> out = new ArrayList<>();
        while (true) {
            ActionFeedPage page = platform.get("/api/v1/platform/actions?limit=500&after=" + feedCursor)
                    .as(new TypeReference<ActionFeedPage>() { });
            for (FeedAction a : page.items()) {
                if (a.type().equals("words.list")) {
                    out.add(Json.mapper().convertValue(a.payload(), WordListUpdate.class));
                }
            }
            if (page.items().isEmpty()) {
                return out;
            }
            feedCursor = page.nextCursor();
        }
    }

    private TestClient.Response add(TestClient client, WordTermRequest request) {
        TestClient.Response r = client.post(WordListFeature.BASE, request);
        contract.check("POST", WordListFeature.BASE, r);
        return r;
    }

    private TestClient.Response put(long id, String ifMatch, WordTermRequest request) {
        TestClient.Response r = ops.send("PUT", WordListFeature.BASE + "/" + id, "application/json",
                TestClient.json(request), ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
        contract.check("PUT", WordListFeature.BASE + "/{id}", r);
        return r;
    }

    private TestClient.Response delete(long id, String ifMatch) {
        return ops.send("DELETE", WordListFeature.BASE + "/" + id, null, null,
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    private WordList list() {
        TestClient.Response r = ops.get(WordListFeature.BASE);
        contract.check("GET", WordListFeature.BASE, r);
        return r.as(WordList.class);
    }

    private long auditCount(String action, long id) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_log WHERE action = :a AND target_id = :t")
                .bind("a", action).bind("t", Long.toString(id)).mapTo(Long.class).one());
    }

    private ManagedWordList words() {
        return RoomWords.of(server.server().services());
    }

    @Test
    void everyChangeIsOneFeedActionWithTheNextVersionAndTheWholeListAndTheScreenFollows() {
        wordsOnFeed();
        long start = list().version();
        TestClient.Response created = add(ops, new WordTermRequest("  加微信 ", "contact", "HOLD", null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        WordTerm term = created.as(WordTerm.class);
        assertThat(term.term()).isEqualTo("加微信");
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(words().screen().holds("来 加.微.信 聊")).isTrue();

        TestClient.Response hostile = add(ops, new WordTermRequest(HOSTILE, "abuse", "FLAG",
                clock.instant().plus(Duration.ofDays(1))));
        assertThat(hostile.status()).as(hostile.toString()).isEqualTo(201);
        WordTerm second = hostile.as(WordTerm.class);
        assertThat(second.term()).isEqualTo(HOSTILE);

        TestClient.Response changed = put(term.id(), "\"1\"", new WordTermRequest("加微信", "ads", "FLAG", null));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        assertThat(words().screen().holds("加微信")).isFalse();
        assertThat(words().screen().find("加微信").getFirst().category()).isEqualTo("ads");

        assertThat(delete(second.id(), "\"1\"").status()).isEqualTo(204);

        List<WordListUpdate> published = wordsOnFeed();
        assertThat(published).extracting(WordListUpdate::version)
                .containsExactly(start + 1, start + 2, start + 3, start + 4);
        assertThat(published).extracting(WordListUpdate::change)
                .containsExactly("added", "added", "changed", "removed");
        assertThat(published.get(1).terms()).extracting(WordTermRequest::term).contains("加微信", HOSTILE);
        assertThat(published.get(3).terms()).extracting(WordTermRequest::term).doesNotContain(HOSTILE)
                .contains("加微信");
        assertThat(published.get(3).terms()).filteredOn(t -> t.term().equals("加微信")).singleElement()
                .satisfies(t -> assertThat(t.action()).isEqualTo("FLAG"));
        assertThat(list().version()).isEqualTo(start + 4);
        assertThat(words().loadedVersion()).isEqualTo(start + 4);
        assertThat(auditCount("word_list.add", term.id())).isEqualTo(1);
        assertThat(auditCount("word_list.change", term.id())).isEqualTo(1);
        assertThat(auditCount("word_list.remove", second.id())).isEqualTo(1);
        assertThat(delete(term.id(), "\"2\"").status()).isEqualTo(204);
        assertThat(wordsOnFeed()).singleElement().satisfies(u -> assertThat(u.version()).isEqualTo(start + 5));
    }

    @Test
    void badTermsAreKeyedValidationProblemsAndChangeNothing() {
        TestClient.Response base = add(ops, new WordTermRequest("兼职刷单", "fraud", "FLAG", null));
        assertThat(base.status()).isEqualTo(201);
        WordTerm term = base.as(WordTerm.class);
        wordsOnFeed();
        long version = list().version();
        Instant past = clock.instant().minusSeconds(1);
        Map<WordTermRequest, String> refused = Map.of(
                new WordTermRequest("   ", "fraud", "FLAG", null), "term",
                new WordTermRequest("x".repeat(201), "fraud", "FLAG", null), "term",
                new WordTermRequest("..!! ", "fraud", "FLAG", null), "term",
                new WordTermRequest("兼 職.刷 單", "ads", "HOLD", null), "term",
                new WordTermRequest("abc\u202e", "ads", "HOLD", null), "term",
                new WordTermRequest("ok", "fraud", "FLAG", past), "expiresAt",
                new WordTermRequest("ok", "<script>", "FLAG", null), "category",
                new WordTermRequest("ok", "fraud", "BAN' OR 1=1", null), "action");
        refused.forEach((request, field) -> {
            TestClient.Response r = add(ops, request);
            assertThat(r.status()).as(request + " " + r).isEqualTo(422);
            assertThat(r.problem().errors()).as(request.toString()).extracting(e -> e.field()).containsExactly(field);
        });
        TestClient.Response chinese = ops.send("POST", WordListFeature.BASE, "application/json",
                TestClient.json(new WordTermRequest("兼职刷单", "fraud", "FLAG", null)),
                Map.of("Accept-Language", "zh-CN"));
        assertThat(chinese.status()).isEqualTo(422);
        assertThat(chinese.problem().errors().getFirst().message()).contains("已在词表中");

        assertThat(put(term.id(), null, new WordTermRequest("兼职", "fraud", "FLAG", null)).status())
                .isEqualTo(428);
        TestClient.Response stale = put(term.id(), "\"7\"", new WordTermRequest("兼职", "fraud", "FLAG", null));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("currentVersion").asInt()).isEqualTo(1);
        assertThat(delete(term.id(), "\"3\"").status()).isEqualTo(412);
        assertThat(put(987654321L, "\"1\"", new WordTermRequest("兼职", "fraud", "FLAG", null)).status())
                .isEqualTo(404);
        assertThat(wordsOnFeed()).isEmpty();
        assertThat(list().version()).isEqualTo(version);
    }

    @Test
    void moderatorsGet403AndStrangers401() {
        TestClient moderator = server.as(Role.MODERATOR);
        WordTermRequest request = new WordTermRequest("赌博", "gambling", "HOLD", null);
        assertThat(moderator.get(WordListFeature.BASE).status()).isEqualTo(403);
        assertThat(add(moderator, request).status()).isEqualTo(403);
        assertThat(moderator.send("PUT", WordListFeature.BASE + "/1", "application/json", TestClient.json(request),
                Map.of("If-Match", "\"1\"")).status()).isEqualTo(403);
        assertThat(moderator.send("DELETE", WordListFeature.BASE + "/1", null, null, Map.of("If-Match", "\"1\""))
                .status()).isEqualTo(403);
        assertThat(add(server.client(), request).status()).isEqualTo(401);
        assertThat(add(server.as(Role.ADMIN), request).status()).isEqualTo(201);
    }
}
