package dev.moddesk.app.creators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.CreatorsApi;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.CreatorUsage;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FanGroup;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.contract.creators.ValueDiff;
import dev.moddesk.contract.creators.ValueSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The creator view models' rules without a server: search order, the draft's changes and rebase, display order. */
class CreatorModelsTest {
    private static final Executor SYNC = Runnable::run;
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private final CreatorText text = new CreatorText(i18n, ZoneOffset.UTC);

    /** A client that never sends: each search waits for the test to answer it. */
    private static final class HeldSearches extends CreatorsApi {
        final List<CompletableFuture<Page<CreatorSummary>>> calls = new ArrayList<>();
        final List<String> queries = new ArrayList<>();

        HeldSearches() {
            super(new ApiClient(HttpUrl.get("http://127.0.0.1:9/"), ApiClient.defaultHttpClient(), Json.mapper()));
        }

        @Override
        public CompletableFuture<Page<CreatorSummary>> search(String query, String tier, String feature, int limit) {
            CompletableFuture<Page<CreatorSummary>> call = new CompletableFuture<>();
            calls.add(call);
            queries.add(query);
            return call;
        }
    }

    private static CreatorSummary summary(long id, String name) {
        return new CreatorSummary(id, "kol-" + id, name, "STANDARD", true, 1000, 3);
    }

    @Test
    void onlyTheLatestSearchIsShownWhenAnOlderAnswerArrivesLate() {
        HeldSearches api = new HeldSearches();
        CreatorSearchModel model = new CreatorSearchModel(api, new ErrorMessages(i18n), i18n, SYNC,
                Debouncer.immediate());
        model.queryProperty().set("晴");
        model.queryProperty().set("晴天");
        assertThat(api.queries).endsWith("晴", "晴天");
        int n = api.calls.size();
        api.calls.get(n - 1).complete(new Page<>(List.of(summary(1, "晴天Sunny")), null));
        api.calls.get(n - 2).complete(new Page<>(List.of(summary(2, "晴朗"), summary(1, "晴天Sunny")), null));
        assertThat(model.results()).extracting(CreatorSummary::displayName).containsExactly("晴天Sunny");
        assertThat(api.calls.get(n - 2).isCancelled() || api.calls.get(n - 2).isDone()).isTrue();
        assertThat(model.loadingProperty().get()).isFalse();
    }

    private static CreatorDetail detail(int version, int quota, Map<String, ValueSource> sources, int groups) {
        CreatorValues effective = CreatorValues.of(quota, 5, 500, Set.of(FeatureFlag.GROUP_CHAT));
        List<FanGroup> list = new ArrayList<>();
        for (int i = 1; i <= groups; i++) {
            list.add(new FanGroup(100 + i, "g" + i, "群 " + i, 10, 500, Instant.EPOCH, i, i <= 5));
        }
        return new CreatorDetail(7, "kol-7", "u-7", "晴天", 1000, "STANDARD", true, version, effective,
                CreatorValues.of(5, 5, 500, Set.of(FeatureFlag.GROUP_CHAT)), sources,
                new CreatorUsage(groups, quota, Math.max(0, groups - quota), groups < quota, Math.min(5, groups), 5),
                list);
    }

    @Test
    void theDraftSendsOnlyWhatDiffersWithTheExpiryAtTheEndOfTheChosenDay() {
        CreatorDraft draft = new CreatorDraft();
        draft.reset(detail(1, 5, Map.of(), 8), false);
        assertThat(draft.changes(ZoneOffset.UTC)).isEmpty();
        draft.limitProperty(Limit.FAN_GROUP_QUOTA).set("50");
        draft.flagProperty(FeatureFlag.KTV).set(true);
        draft.expiryProperty().set(LocalDate.of(2030, 1, 31));
        Instant end = Instant.parse("2030-02-01T00:00:00Z");
        assertThat(draft.changes(ZoneOffset.UTC)).containsExactly(
                SettingChange.limit(Limit.FAN_GROUP_QUOTA, 50).until(end), SettingChange.flag(FeatureFlag.KTV, true)
                        .until(end));
        draft.limitProperty(Limit.MEMBER_CAPACITY).set("lots");
        assertThat(draft.unreadable()).contains(Limit.MEMBER_CAPACITY);
        assertThat(draft.changes(ZoneOffset.UTC)).as("nothing is sent while a number is unreadable").isEmpty();
    }

    @Test
    void rebasingPutsMyIntentOnTopOfTheirValuesWithoutUndoingTheirs() {
        CreatorDraft draft = new CreatorDraft();
        draft.reset(detail(1, 5, Map.of(), 8), false);
        draft.limitProperty(Limit.MEMBER_CAPACITY).set("800");
        List<SettingChange> mine = draft.changes(ZoneOffset.UTC);
        ValueSource theirOverride = new ValueSource(ValueSource.Kind.OVERRIDE, "admin-two", "deal", Instant.EPOCH,
                null, null);
        CreatorDetail theirs = detail(2, 20, Map.of("fanGroupQuota", theirOverride), 8);
        draft.rebase(theirs, mine);
        assertThat(draft.limitProperty(Limit.FAN_GROUP_QUOTA).get()).isEqualTo("20");
        assertThat(draft.changes(ZoneOffset.UTC)).containsExactly(SettingChange.limit(Limit.MEMBER_CAPACITY, 800));
        draft.clear("fanGroupQuota");
        assertThat(draft.limitProperty(Limit.FAN_GROUP_QUOTA).get()).as("the tier's value shows").isEqualTo("5");
        assertThat(draft.changes(ZoneOffset.UTC)).contains(SettingChange.cleared("fanGroupQuota"));
    }

    @Test
    void theDisplayOrderMovesByPositionAndKnowsWhichGroupsAreShown() {
        DisplayOrder order = new DisplayOrder();
        order.reset(detail(1, 5, Map.of(), 8));
        assertThat(order.move(6, 4)).isTrue();
        assertThat(order.groups().get(4).name()).isEqualTo("群 7");
        assertThat(order.shownAt(4)).isTrue();
        assertThat(order.shownAt(5)).isFalse();
        assertThat(order.movedProperty().get()).isTrue();
        assertThat(order.move(4, 6)).isTrue();
        assertThat(order.movedProperty().get()).as("back where it was").isFalse();
        assertThat(order.move(0, -3)).isFalse();
    }

    @Test
    void anEffectIsSaidInTheUiLanguageFromItsFields() {
        List<FanGroup> groups = detail(1, 5, Map.of(), 8).groups();
        ChangeEffect effect = new ChangeEffect(7, CreatorValues.of(5, 5, 500, Set.of()), CreatorValues.of(5, 2, 500,
                Set.of()), List.of(new ValueDiff("displaySlots", "5", "2")), 8, 3, false, List.of(103L, 104L, 105L),
                List.of(), "English summary the console does not show");
        assertThat(text.effect(effect, groups)).isEqualTo(
                "Display slots: 5 → 2; 3 groups over quota: no new groups until under; groups 3–5 hidden from profile");
        assertThat(text.effect(effect, List.of())).as("a bulk outcome has no groups at hand: counted")
                .endsWith("3 groups hidden from profile");
        I18n zh = new I18n(I18n.CHINESE);
        assertThat(new CreatorText(zh, ZoneOffset.UTC).effect(effect, groups))
                .isEqualTo("展示位：5 → 2；超出配额 3 个群：低于配额前不能新建群；第 3–5 个群将从主页隐藏");
    }

    @Test
    void a412CarriesTheirStateAndTheConflictSaysBothChanges() throws Exception {
        ValueSource theirOverride = new ValueSource(ValueSource.Kind.OVERRIDE, "admin-two", "sponsor deal",
                Instant.EPOCH, null, null);
        CreatorDetail mine = detail(1, 5, Map.of(), 8);
        CreatorDetail theirs = detail(2, 20, Map.of("fanGroupQuota", theirOverride), 8);
        var mapper = Json.mapper();
        String json = "{\"type\":\"https://moddesk.dev/problems/precondition-failed\",\"status\":412,"
                + "\"currentVersion\":2,\"current\":" + mapper.writeValueAsString(theirs) + "}";
        var problem = mapper.readValue(json, dev.moddesk.contract.Problem.class);
        var failure = new java.util.concurrent.CompletionException(
                dev.moddesk.app.api.ApiException.problem(problem, null));
        CreatorsApi api = new CreatorsApi(new ApiClient(HttpUrl.get("http://127.0.0.1:9/"),
                ApiClient.defaultHttpClient(), mapper));
        assertThat(CreatorProblems.stale(failure)).isTrue();
        CreatorDetail current = api.current(failure, CreatorDetail.class).orElseThrow();
        assertThat(current).isEqualTo(theirs);
        var asText = new dev.moddesk.contract.Problem(problem.type(), null, 412, null, null, List.of(),
                Map.of("current", mapper.writeValueAsString(theirs)));
        assertThat(api.current(dev.moddesk.app.api.ApiException.problem(asText, null), CreatorDetail.class))
                .as("the transport keeps object members as JSON text").contains(theirs);
        CreatorConflict conflict = CreatorConflict.between(mine, current, CreatorConflict.settings(
                List.of(SettingChange.limit(Limit.MEMBER_CAPACITY, 800)), "fan meeting"), text);
        assertThat(conflict.theirLines()).containsExactly("Fan-group quota: 5 → 20", "by admin-two: sponsor deal");
        assertThat(conflict.yourLines()).containsExactly("Member capacity → 800", "Reason: fan meeting");
    }

    @Test
    void outsideTextIsOneSafeLine() {
        assertThat(CreatorText.oneLine("晴天\nSunny\u202Egnp.exe\u0000")).isEqualTo("晴天 Sunny\uFFFDgnp.exe ");
        assertThat(CreatorText.oneLine("x".repeat(299) + "😀")).hasSize(299);
    }

    @Test
    void outcomesOfALargeChangeArePagedAndNameTheCreator() {
        OutcomePages pages = new OutcomePages(text);
        java.util.List<dev.moddesk.contract.creators.CreatorOutcome> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            all.add(new dev.moddesk.contract.creators.CreatorOutcome(i, i == 7 ? "晴天\u202E\nevil" : "creator " + i,
                    dev.moddesk.contract.creators.CreatorOutcome.Status.CHANGED, null, null));
        }
        all.add(new dev.moddesk.contract.creators.CreatorOutcome(987_654, null,
                dev.moddesk.contract.creators.CreatorOutcome.Status.REFUSED, null, null));
        pages.setAll(all);
        assertThat(pages.page()).hasSize(100);
        assertThat(pages.rangeProperty().get()).isEqualTo("1–100 of 251");
        assertThat(pages.hasPreviousProperty().get()).isFalse();
        assertThat(text.creatorName(pages.page().get(6))).doesNotContain("\n").doesNotContain("\u202E")
                .startsWith("晴天");
        pages.next();
        pages.next();
        assertThat(pages.rangeProperty().get()).isEqualTo("201–251 of 251");
        assertThat(pages.hasNextProperty().get()).isFalse();
        assertThat(text.creatorName(pages.page().getLast())).isEqualTo("#987654");
        pages.previous();
        assertThat(pages.page().getFirst().creatorId()).isEqualTo(101);
        pages.setAll(all.subList(0, 3));
        assertThat(pages.rangeProperty().get()).as("one page needs no range").isEmpty();
    }
}
