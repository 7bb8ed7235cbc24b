package dev.moddesk.server.audit;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Role;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class AuditRoutesTest {
    static final TypeReference<Page<AuditEntry>> PAGE = new TypeReference<>() { };
    static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    static MutableClock clock;
    static TestServer server;
    static TestClient admin;
    static TestClient moderator;
    static long moderatorId;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        clock = new MutableClock(START);
        server = TestServers.start(backend, config -> config.withClock(clock), List.of());
        admin = server.as(Role.ADMIN);
        moderator = server.as(Role.MODERATOR);
        moderatorId = server.createAccount("t-moderator", Role.MODERATOR);
        // 30 entries one minute apart: 20 by the admin (probe.a / probe.b), 10 by the moderator (probe.m)
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMinutes(1));
            int n = i;
            server.server().services().database().jdbi().useTransaction(h -> server.server().services().auditLog()
                    .record(h, n % 3 == 2
                            ? new AuditLog.Entry(moderatorId, "t-moderator", "probe.m", "room", "r" + n, null,
                                    java.util.Map.of("n", n), null, "127.0.0.1")
                            : new AuditLog.Entry(null, "t-admin", n % 2 == 0 ? "probe.a" : "probe.b", "room",
                                    "r" + n, null, java.util.Map.of("n", n), "测试", "127.0.0.1")));
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static Page<AuditEntry> page(TestClient client, String query) {
        TestClient.Response response = client.get("/api/v1/audit" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.as(PAGE);
    }

    @Test
    void filtersByActorActionTargetAndTime() {
        assertThat(page(admin, "?action=probe.m&limit=200").items()).hasSize(10)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("t-moderator"));
        assertThat(page(admin, "?actor=t-moderator&action=probe.m").items()).hasSize(10);
        assertThat(page(admin, "?targetType=room&targetId=r4").items()).singleElement()
                .satisfies(e -> assertThat(e.after()).containsEntry("n", 4));
        Instant from = START.plus(Duration.ofMinutes(5));
        Instant to = START.plus(Duration.ofMinutes(10));
        assertThat(page(admin, "?targetType=room&from=" + from + "&to=" + to).items())
                .extracting(AuditEntry::targetId).containsExactly("r8", "r7", "r6", "r5", "r4");
    }

    @Test
    void pagesAreNewestFirstAndStableUnderInserts() {
        List<AuditEntry> seen = new ArrayList<>();
        Page<AuditEntry> first = page(admin, "?targetType=room&limit=7");
        seen.addAll(first.items());
        // New entries arriving between pages must not shift what the next page returns.
        server.server().services().database().jdbi().useTransaction(h -> server.server().services().auditLog()
                .record(h, new AuditLog.Entry(null, "t-admin", "probe.a", "room", "late", null, null, null, null)));
        String cursor = first.nextCursor();
        while (cursor != null) {
            Page<AuditEntry> next = page(admin, "?targetType=room&limit=7&cursor=" + cursor);
            seen.addAll(next.items());
            cursor = next.nextCursor();
        }
        assertThat(seen).extracting(AuditEntry::targetId).doesNotContain("late").doesNotHaveDuplicates()
                .hasSize(30);
        assertThat(seen).extracting(AuditEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void nonAdminsSeeOnlyTheirOwnEntries() {
        List<AuditEntry> own = page(moderator, "?limit=200").items();
        assertThat(own).isNotEmpty().allSatisfy(e -> assertThat(e.actorId()).isEqualTo(moderatorId));
        assertThat(page(moderator, "?actor=t-admin").items()).isEmpty();
        List<String> actions = moderator.get("/api/v1/audit/actions").as(new TypeReference<List<String>>() { });
        assertThat(actions).contains("probe.m").doesNotContain("probe.a");
        assertThat(admin.get("/api/v1/audit/actions").as(new TypeReference<List<String>>() { }))
                .contains("probe.a", "probe.b", "probe.m", "session.login");
    }

    @Test
    void badQueriesAre400() {
        for (String query : List.of("?cursor=nonsense", "?limit=0", "?limit=201", "?limit=x", "?from=yesterday",
                "?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z")) {
            TestClient.Response response = admin.get("/api/v1/audit" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.problem().errors()).as(query).isNotEmpty();
        }
    }

    @Test
    void refusalsAreWrittenInTheCallersLanguage() {
        String backwards = "/api/v1/audit?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z";
        TestClient.Response zh = admin.send("GET", backwards, null, null, Map.of("Accept-Language", "zh-CN"));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(zh.problem().detail()).isEqualTo("查询参数 from 不能晚于 to");
        assertThat(zh.problem().errors().getFirst().message()).isEqualTo("不能晚于 to");
        TestClient.Response en = admin.get(backwards);
        assertThat(en.problem().detail()).isEqualTo("Query parameter from must not be after to");
        assertThat(en.problem().errors().getFirst().message()).isEqualTo("must not be after to");
    }
}
