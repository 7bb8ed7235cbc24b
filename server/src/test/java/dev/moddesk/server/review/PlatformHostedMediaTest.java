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
import dev.moddesk.contract.review.MediaHosts;
import dev.moddesk.server.core.MediaSettings;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A platform that hosts its own media sends https URLs: only on hosts {@code --media-host} lists, https on the default
 * port, without user info; they reach the moderator's application detail as sent, and the console reads the list.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class PlatformHostedMediaTest {
    private static final String CLIP = "https://media.example.com/clips/8812.mp4?token=abc";
    private static final String POSTER = "https://media.example.com/posters/8812.jpg";

    @Parameter
    Backend backend;
    private TestServer server;
    private TestClient platform;
    private int events;

    @BeforeEach
    void setUp() {
        server = TestServers.start(backend, config -> config.withMedia(MediaSettings.defaults()
                .withAllowedHosts(List.of("media.example.com"))), List.of());
        TestClient.Response created = server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("douyin"));
        platform = server.client().withToken(created.as(CreatedPlatformKey.class).key());
        assertThat(send("circle.upserted", Map.of("circleId", "c1", "name", "成都爬山", "city", "成都", "topic", "户外",
                "joinMode", "VIDEO")).status()).isEqualTo(IngestStatus.APPLIED);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private dev.moddesk.contract.platform.IngestOutcome send(String type, Map<String, Object> payload) {
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(List.of(
                new IngestEvent("evt-" + ++events, type, Instant.parse("2026-11-24T08:00:00Z"), payload))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.as(IngestBatchResult.class).outcomes().getFirst();
    }

    private dev.moddesk.contract.platform.IngestOutcome submit(String id, Map<String, Object> video) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("applicationId", id);
        payload.put("circleId", "c1");
        payload.put("applicant", Map.of("userId", "u-" + id, "nickname", "阿杰"));
        payload.put("video", video);
        return send("application.submitted", payload);
    }

    @Test
    void aListedHttpsHostReachesTheModeratorAsSent() {
        assertThat(submit("a1", Map.of("url", CLIP, "posterUrl", POSTER, "durationSeconds", 12)).status())
                .isEqualTo(IngestStatus.APPLIED);
        TestClient moderator = server.as(Role.MODERATOR);
        long id = moderator.get("/api/v1/review/queue").as(new TypeReference<Page<ApplicationSummary>>() { })
                .items().getFirst().id();

        ApplicationDetail detail = moderator.get("/api/v1/review/applications/" + id).as(ApplicationDetail.class);

        assertThat(detail.video().url()).isEqualTo(CLIP);
        assertThat(detail.video().posterUrl()).isEqualTo(POSTER);
        assertThat(moderator.get("/api/v1/review/media-hosts").as(MediaHosts.class).hosts())
                .containsExactly("media.example.com");
    }

    @Test
    void attackerUrlsAreRefusedAtIngest() {
        List<String> attacks = List.of(
                "http://media.example.com/clip.mp4",
                "https://evil.example/clip.mp4",
                "https://media.example.com.evil.example/clip.mp4",
                "https://evil.example.media.example.com/clip.mp4",
                "https://media.example.com@evil.example/clip.mp4",
                "https://user:pw@media.example.com/clip.mp4",
                "https://media.example.com:8443/clip.mp4",
                "https://media.example.com\\@evil.example/clip.mp4",
                "https://media.example.com/clip.mp4#frag",
                "https://169.254.169.254/latest/meta-data",
                "file:///etc/passwd",
                "//evil.example/clip.mp4",
                " https://media.example.com/clip.mp4",
                "https://media.example.com/" + "a".repeat(2100));
        int n = 0;
        for (String url : attacks) {
            assertThat(submit("bad-" + n++, Map.of("url", url)).status()).as(url).isEqualTo(IngestStatus.REJECTED);
        }
        assertThat(submit("bad-poster", Map.of("url", CLIP, "posterUrl", "https://evil.example/p.jpg")).status())
                .isEqualTo(IngestStatus.REJECTED);
        assertThat(server.as(Role.MODERATOR).get("/api/v1/review/queue")
                .as(new TypeReference<Page<ApplicationSummary>>() { }).items()).isEmpty();
    }
}
