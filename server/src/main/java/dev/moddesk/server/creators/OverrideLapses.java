package dev.moddesk.server.creators;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Ends overrides whose expiry has passed. Reads already ignore an expired override (the tier default applies from
 * the expiry on, judged with the injected clock); this job makes it final: it removes the row, bumps the creator's
 * version, writes a {@code system} audit entry and a feed action with the new effective values. Safe with several
 * nodes: the conditional DELETE of each override is the claim, so exactly one transaction records each lapse.
 */
final class OverrideLapses {

    private final Jdbi jdbi;
    private final CreatorStore creators;
    private final CreatorLoader loader;
    private final CreatorRecorder recorder;
    private final Clock clock;

    OverrideLapses(Jdbi jdbi, CreatorStore creators, CreatorLoader loader, CreatorRecorder recorder, Clock clock) {
        this.jdbi = jdbi;
        this.creators = creators;
        this.loader = loader;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** Ends up to {@code limit} lapsed overrides; returns how many this call ended. */
    int lapseDue(int limit) {
        Instant now = clock.instant();
        List<CreatorRows.Lapse> due = jdbi.withHandle(h -> creators.lapsed(h, now, limit));
        int ended = 0;
        for (CreatorRows.Lapse lapse : due) {
            ended += jdbi.inTransaction(h -> {
                var state = loader.find(h, lapse.creatorId(), true);
                if (state.isEmpty() || creators.deleteLapsed(h, lapse, now) == 0) {
                    return 0; // another node (or a newer override) got there first
                }
                CreatorState before = state.get();
                CreatorState after = before.with(before.overrides().stream()
                        .filter(o -> !o.setting().equals(lapse.setting())).toList());
                creators.bumpVersions(h, List.of(lapse.creatorId()), now);
                // "Before" is the moment just before the expiry, when the override still applied.
                recorder.recordOne(h, CreatorActor.SYSTEM, "creator.override.lapse",
                        "override of " + lapse.setting() + " expired at " + lapse.expiresAt(), "lapse",
                        new CreatorRecorder.Change(before, lapse.expiresAt().minusNanos(1), after, now));
                return 1;
            });
        }
        return ended;
    }
}
