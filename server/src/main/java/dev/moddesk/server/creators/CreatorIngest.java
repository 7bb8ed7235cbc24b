package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.server.platform.ActionPublisher;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The platform's creator events, each applied inside the ingest transaction that records its event id (so exactly
 * once): {@code creator.upserted}, {@code fan_group.upserted}, {@code fan_group.closed},
 * {@code creator.quota_requested}. A profile change that moves the creator's effective values (another tier, lost
 * verification) bumps its version, is audited and goes out on the feed with the new values.
 */
final class CreatorIngest {

    private final CreatorStore creators;
    private final FanGroupStore groups;
    private final QuotaRequestStore requests;
    private final CreatorLoader loader;
    private final CreatorRecorder recorder;
    private final ActionPublisher actions;
    private final Clock clock;

    CreatorIngest(CreatorStore creators, FanGroupStore groups, QuotaRequestStore requests, CreatorLoader loader,
                  CreatorRecorder recorder, ActionPublisher actions, Clock clock) {
        this.creators = creators;
        this.groups = groups;
        this.requests = requests;
        this.loader = loader;
        this.recorder = recorder;
        this.actions = actions;
        this.clock = clock;
    }

    List<IngestHandler> handlers() {
        return List.of(IngestHandler.of("creator.upserted", this::creatorUpserted),
                IngestHandler.of("fan_group.upserted", this::groupUpserted),
                IngestHandler.of("fan_group.closed", this::groupClosed),
                IngestHandler.of("creator.quota_requested", this::quotaRequested));
    }

    private void creatorUpserted(Handle h, IngestHandler.Event event) {
        IngestPayload p = IngestPayload.of(event.payload());
        String externalId = p.stripped("creatorId", 100);
        String userId = p.stripped("userId", 100);
        String name = p.stripped("displayName", 200);
        long followers = p.wholeNumber("followers", 0, Long.MAX_VALUE / 2, 0L);
        String tier = p.stripped("tier", 50);
        boolean verified = p.bool("verified", false);
        CreatorValues defaults = creators.tier(h, tier, false)
                .orElseThrow(() -> p.refuse("tier", "creators.ingest.noTier")).defaults();
        Instant now = clock.instant();
        Instant at = event.occurredAt() != null ? event.occurredAt() : now;
        var existing = creators.creatorByExternalId(h, externalId, true);
        if (existing.isEmpty()) {
            // A concurrent first insert of the same creator fails this one with a unique violation; ingest retries.
            creators.insertCreator(h, externalId, userId, name, followers, tier, verified, at, now);
            CreatorState created = loader.load(h, creators.creatorByExternalId(h, externalId, false).orElseThrow()
                    .id(), false);
            recorder.recordOther(h, CreatorActor.PLATFORM, "creator.create", "creator",
                    Long.toString(created.creator().id()), null, created.auditState(now), null);
            actions.publish(h, CreatorChanged.TYPE, "creator", externalId, CreatorRecorder.action(created,
                    created.effectiveAt(now).values(), "profile").payload());
            return;
        }
        CreatorState before = loader.load(h, existing.get().id(), false);
        CreatorRows.Creator c = before.creator();
        boolean settingsMove = !c.tier().equals(tier) || c.verified() != verified;
        if (creators.updateProfile(h, c.id(), userId, name, followers, tier, verified, settingsMove, at, now) == 0) {
            return; // the row holds a newer profile than this late event
        }
        if (settingsMove || !c.displayName().equals(name)) {
            CreatorState after = new CreatorState(new CreatorRows.Creator(c.id(), c.externalId(), userId, name,
                    followers, tier, verified, c.version()), defaults, before.overrides(), before.groups());
            recorder.recordOne(h, CreatorActor.PLATFORM, "creator.profile", null, "profile",
                    new CreatorRecorder.Change(before, now, after, now));
        }
    }

    private void groupUpserted(Handle h, IngestHandler.Event event) {
        IngestPayload p = IngestPayload.of(event.payload());
        String groupId = p.stripped("groupId", 100);
        String creatorId = p.stripped("creatorId", 100);
        String name = p.stripped("name", 200);
        int members = (int) p.wholeNumber("members", 0, 1_000_000, 0L);
        var creator = creators.creatorByExternalId(h, creatorId, false)
                .orElseThrow(() -> p.refuse("creatorId", "creators.ingest.noCreator"));
        var owner = groups.creatorOfGroup(h, groupId);
        if (owner.isPresent() && owner.get() != creator.id()) {
            throw p.refuse("groupId", "creators.ingest.otherCreatorsGroup");
        }
        if (owner.isPresent()) {
            int capacity = (int) p.wholeNumber("capacity", 0, 1_000_000, 0L);
            groups.update(h, groupId, name, members, capacity);
            return;
        }
        Instant now = clock.instant();
        CreatorState state = loader.load(h, creator.id(), false);
        int capacity = (int) p.wholeNumber("capacity", 0, 1_000_000,
                (long) state.effectiveAt(now).values().memberCapacity());
        Instant created = p.instant("createdAt", event.occurredAt() != null ? event.occurredAt() : now);
        groups.insert(h, creator.id(), groupId, name, members, capacity, created);
        recorder.recordOther(h, CreatorActor.PLATFORM, "creator.fan_group.open", "creator",
                Long.toString(creator.id()), null, Map.of("group", name, "groupsOwned", state.groups().size() + 1),
                null);
    }

    private void groupClosed(Handle h, IngestHandler.Event event) {
        IngestPayload p = IngestPayload.of(event.payload());
        String groupId = p.stripped("groupId", 100);
        var owner = groups.creatorOfGroup(h, groupId);
        if (owner.isEmpty()) {
            return; // already closed (or never known): nothing to do
        }
        groups.delete(h, groupId);
        recorder.recordOther(h, CreatorActor.PLATFORM, "creator.fan_group.close", "creator",
                Long.toString(owner.get()), Map.of("group", groupId), null, null);
    }

    private void quotaRequested(Handle h, IngestHandler.Event event) {
        IngestPayload p = IngestPayload.of(event.payload());
        String requestId = p.stripped("requestId", 100);
        String creatorId = p.stripped("creatorId", 100);
        String setting = p.optionalStripped("setting", 50);
        Limit limit = setting == null ? Limit.FAN_GROUP_QUOTA : Limit.named(setting)
                .orElseThrow(() -> p.refuse("setting", "core.field.oneOf", "fanGroupQuota, displaySlots, memberCapacity"));
        int requested = (int) p.wholeNumber("requested", 1, Limit.MAX, null);
        String justification = p.stripped("justification", 2000);
        var creator = creators.creatorByExternalId(h, creatorId, false)
                .orElseThrow(() -> p.refuse("creatorId", "creators.ingest.noCreator"));
        if (requests.exists(h, requestId)) {
            return; // the same request under another event id
        }
        Instant now = clock.instant();
        int current = loader.load(h, creator.id(), false).effectiveAt(now).values().limit(limit);
        requests.insert(h, requestId, creator.id(), limit.wireName(), current, requested, justification,
                event.occurredAt() != null ? event.occurredAt() : now);
        recorder.recordOther(h, CreatorActor.PLATFORM, "creator.quota_request.receive", "creator",
                Long.toString(creator.id()), null, Map.of("request", requestId, "setting", limit.wireName(),
                        "current", current, "requested", requested), justification);
    }
}
