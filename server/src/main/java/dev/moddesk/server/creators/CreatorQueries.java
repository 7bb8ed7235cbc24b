package dev.moddesk.server.creators;

import dev.moddesk.contract.Page;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.HistoryEntry;
import dev.moddesk.contract.creators.ValueDiff;
import dev.moddesk.server.core.Call;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** Reading creators: search as you type, one creator, and its history as diffs from the audit log. */
final class CreatorQueries {

    private final Jdbi jdbi;
    private final CreatorStore creators;
    private final FanGroupStore groups;
    private final CreatorLoader loader;
    private final Clock clock;

    CreatorQueries(Jdbi jdbi, CreatorStore creators, FanGroupStore groups, CreatorLoader loader, Clock clock) {
        this.jdbi = jdbi;
        this.creators = creators;
        this.groups = groups;
        this.loader = loader;
        this.clock = clock;
    }

    Page<CreatorSummary> search(String query, String tier, FeatureFlag feature, String cursor, Integer limit) {
        long after = cursor(cursor);
        int size = limit == null ? 20 : limit;
        String q = query == null ? null : query.strip();
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            List<CreatorRows.Creator> rows = creators.search(h, q == null || q.isEmpty() ? null : q, tier, feature,
                    now, after, size + 1);
            List<CreatorRows.Creator> page = rows.stream().limit(size).toList();
            Map<Long, Integer> counts = groups.groupCounts(h, page.stream().map(CreatorRows.Creator::id).toList());
            List<CreatorSummary> items = page.stream().map(c -> new CreatorSummary(c.id(), c.externalId(),
                    c.displayName(), c.tier(), c.verified(), c.followers(), counts.getOrDefault(c.id(), 0))).toList();
            return new Page<>(items, rows.size() > size ? Long.toString(page.getLast().id()) : null);
        });
    }

    CreatorDetail detail(long id) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> loader.load(h, id, false).detail(now));
    }

    List<HistoryEntry> history(long id, String cursor, Integer limit) {
        long before = cursor == null ? Long.MAX_VALUE : cursor(cursor);
        int size = limit == null ? 50 : limit;
        return jdbi.withHandle(h -> {
            loader.load(h, id, false);
            return creators.history(h, id, before, size).stream().map(CreatorQueries::entry).toList();
        });
    }

    private static HistoryEntry entry(CreatorStore.AuditRow row) {
        Map<String, Object> before = CreatorJson.readMap(row.beforeJson());
        Map<String, Object> after = CreatorJson.readMap(row.afterJson());
        List<ValueDiff> diffs = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Object from = before.get(key);
            Object to = after.get(key);
            if (!Objects.equals(from, to)) {
                diffs.add(new ValueDiff(key, from == null ? null : from.toString(), to == null ? null : to.toString()));
            }
        }
        return new HistoryEntry(row.id(), row.at(), row.actor(), row.action(), row.reason(), diffs);
    }

    /** A page cursor is the last id of the previous page. */
    static long cursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            long id = Long.parseLong(cursor);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Call.invalidQuery("cursor", "core.query.wholeNumber");
    }
}
