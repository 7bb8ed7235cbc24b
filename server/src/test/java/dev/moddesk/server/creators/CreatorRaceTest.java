package dev.moddesk.server.creators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.creators.ChangeResult;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.platform.ActionFeed;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two admins change the same creator from the same version, 1,000 times: exactly one wins each time, none is lost. */
class CreatorRaceTest {

    private static final int RACES = 1_000;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void exactlyOneOfTwoAdminsWinsEveryRace(Backend backend) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        try (TestDatabase db = TestDatabase.create(backend)) {
            CreatorsModule module = new CreatorsModule(db.jdbi(), clock, new AuditLog(clock),
                    new ActionFeed(db.jdbi(), Json.mapper(), clock));
            long id = seedCreator(db, module);
            CreatorActor[] admins = {new CreatorActor(1L, "alice", null), new CreatorActor(2L, "bob", null)};
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier start = new CyclicBarrier(2);
            int lastWinnerValue = -1;
            try {
                for (int race = 0; race < RACES; race++) {
                    int version = module.queries().detail(id).version();
                    List<Future<Integer>> results = new ArrayList<>();
                    for (int a = 0; a < 2; a++) {
                        CreatorActor admin = admins[a];
                        int value = race * 2 + a;
                        String key = "race-" + race + "-" + a;
                        results.add(pool.submit(() -> {
                            start.await();
                            try {
                                ChangeResult r = module.changes().change(admin, id, key, version, new CreatorChange(
                                        List.of(SettingChange.limit(Limit.FAN_GROUP_QUOTA, value)), "race"));
                                return r.creator().effective().fanGroupQuota();
                            } catch (ProblemException e) {
                                assertThat(e.type()).isEqualTo(ProblemType.PRECONDITION_FAILED);
                                return -1;
                            }
                        }));
                    }
                    int first = results.get(0).get();
                    int second = results.get(1).get();
                    assertThat(first == -1 ^ second == -1).as("race %d: %d / %d", race, first, second).isTrue();
                    lastWinnerValue = Math.max(first, second);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(module.queries().detail(id).version()).isEqualTo(1 + RACES);
            assertThat(module.queries().detail(id).effective().fanGroupQuota()).isEqualTo(lastWinnerValue);
            int audited = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM audit_log WHERE action = 'creator.settings.change'").mapTo(Integer.class).one());
            assertThat(audited).isEqualTo(RACES);
        }
    }

    static long seedCreator(TestDatabase db, CreatorsModule module) {
        IngestHandler upsert = module.ingestHandlers().stream().filter(h -> h.type().equals("creator.upserted"))
                .findFirst().orElseThrow();
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("creatorId", "kol-race").put("userId", "u-race")
                .put("displayName", "抢答 Race").put("tier", "STANDARD");
        db.jdbi().useTransaction(h -> upsert.apply(h, new IngestHandler.Event("e-1", "creator.upserted",
                Instant.parse("2026-06-01T07:00:00Z"), payload)));
        return module.queries().search("kol-race", null, null, null, 1).items().getFirst().id();
    }
}
