package dev.moddesk.server.creators;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.creators.BulkChange;
import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.ChangeResult;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.GroupOrder;
import dev.moddesk.contract.creators.HistoryEntry;
import dev.moddesk.contract.creators.QuotaDecision;
import dev.moddesk.contract.creators.QuotaRequest;
import dev.moddesk.contract.creators.QuotaRequestView;
import dev.moddesk.contract.creators.Tier;
import dev.moddesk.contract.creators.TierChange;
import dev.moddesk.server.core.BackgroundJobs;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Creators' routes (ADMIN edits, OPS reads, MODERATOR none), their platform event handlers and the job that ends
 * lapsed overrides. Routes only translate HTTP (headers, parameters, ETags) to the services of {@link CreatorsModule}.
 */
public final class CreatorsFeature implements Feature {

    private static final String BASE = "/api/v1/creators";
    private static final String TIERS = "/api/v1/creator-tiers";
    private static final String REQUESTS = "/api/v1/creator-quota-requests";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IF_MATCH = "If-Match";
    private static final Access READ = Access.role(Role.OPS);
    private static final Access EDIT = Access.role(Role.ADMIN);

    private final CreatorsModule creators;
    private BackgroundJobs jobs;

    public CreatorsFeature(Services services) {
        PlatformGateway platform = PlatformGateway.of(services);
        this.creators = new CreatorsModule(services.database().jdbi(), services.clock(), services.auditLog(),
                platform.actions());
        creators.ingestHandlers().forEach(platform.ingest()::register);
        CreatorLifecycle.register(services);
    }

    public CreatorsModule creators() {
        return creators;
    }

    @Override
    public void start() {
        jobs = BackgroundJobs.on("creator-override-lapses")
                .draining(Duration.ofSeconds(30), Duration.ofSeconds(5), "Ending lapsed creator overrides", 200,
                        () -> creators.lapseDue(200))
                .every(Duration.ofHours(1), Duration.ofMinutes(1), "Dropping old creator idempotency keys",
                        () -> creators.forgetOldKeys());
    }

    @Override
    public void stop() {
        if (jobs != null) {
            jobs.close();
        }
    }

    @Override
    public void register(Api api) {
        Type summaries = new TypeReference<Page<CreatorSummary>>() { }.getType();
        Type history = new TypeReference<List<HistoryEntry>>() { }.getType();
        Type tiers = new TypeReference<List<Tier>>() { }.getType();
        Type requests = new TypeReference<Page<QuotaRequestView>>() { }.getType();

        api.get(BASE).summary("Search creators as you type: name prefix or exact creator/user id").tag("creators")
                .access(READ)
                .query("query", String.class, "start of the display name, or a creator or user id")
                .query("tier", String.class, "only this tier")
                .query("feature", String.class, "only creators with this feature flag set on")
                .query("cursor", String.class, "nextCursor of the previous page")
                .query("limit", Integer.class, "page size, 1-100 (default 20)")
                .response(200, summaries)
                .handle(call -> creators.queries().search(call.query("query"), call.query("tier"), feature(call),
                        call.query("cursor"), call.queryInt("limit", 1, 100)));

        api.get(BASE + "/{id}").pathParam("id", Long.class)
                .summary("One creator: effective values with their sources, usage, fan groups; ETag = its version")
                .tag("creators").access(READ).response(200, CreatorDetail.class)
                .handle(call -> {
                    CreatorDetail detail = creators.queries().detail(call.pathId("id"));
                    call.etag(detail.version());
                    return detail;
                });

        api.get(BASE + "/{id}/history").pathParam("id", Long.class)
                .summary("A creator's changes, newest first, as diffs from the audit log").tag("creators")
                .access(READ).query("cursor", String.class, "auditId of the last entry of the previous page")
                .query("limit", Integer.class, "1-200 (default 50)")
                .response(200, history)
                .handle(call -> creators.queries().history(call.pathId("id"), call.query("cursor"),
                        call.queryInt("limit", 1, 200)));

        api.post(BASE + "/{id}/settings/preview").pathParam("id", Long.class)
                .summary("What a settings change would do, without doing it").tag("creators")
                .access(EDIT).body(CreatorChange.class).response(200, ChangeEffect.class)
                .handle(call -> creators.changes().preview(call.pathId("id"), call.body()));

        api.put(BASE + "/{id}/settings").pathParam("id", Long.class)
                .summary("Set or clear a creator's overrides").tag("creators")
                .access(EDIT).body(CreatorChange.class)
                .header(IF_MATCH, "required; the creator's version (ETag)")
                .header(IDEMPOTENCY_KEY, "required; a replay with the same key and body returns the stored result")
                .response(200, ChangeResult.class).errors(412, 428)
                .handle(call -> {
                    ChangeResult result = creators.changes().change(CreatorActor.of(call.principal()),
                            call.pathId("id"), call.header(IDEMPOTENCY_KEY), call.ifMatchVersion(), call.body());
                    call.etag(result.creator().version());
                    return result;
                });

        api.put(BASE + "/{id}/group-order").pathParam("id", Long.class)
                .summary("Reorder the fan groups shown on the profile").tag("creators")
                .access(EDIT).body(GroupOrder.class).header(IF_MATCH, "required; the creator's version (ETag)")
                .response(200, ChangeResult.class).errors(412, 428)
                .handle(call -> {
                    ChangeResult result = creators.changes().reorder(CreatorActor.of(call.principal()),
                            call.pathId("id"), call.requireIfMatch(), call.body());
                    call.etag(result.creator().version());
                    return result;
                });

        api.post(BASE + "/bulk/preview").summary("What one change to many creators would do, per creator")
                .tag("creators").access(EDIT).body(BulkChange.class).response(200, BulkResult.class)
                .handle(call -> creators.bulk().bulk(CreatorActor.of(call.principal()), call.body(), false,
                        call.language()));

        api.post(BASE + "/bulk").summary("Apply one change to many creators; one outcome per creator")
                .tag("creators").access(EDIT).body(BulkChange.class).response(200, BulkResult.class)
                .handle(call -> creators.bulk().bulk(CreatorActor.of(call.principal()), call.body(), true,
                        call.language()));

        api.get(TIERS).summary("Creator tiers with their defaults and creator counts").tag("creators")
                .access(READ).response(200, tiers)
                .handle(call -> creators.bulk().tiers());

        api.post(TIERS + "/{code}/preview").summary("What new tier defaults would do, per creator").tag("creators")
                .access(EDIT).body(TierChange.class).response(200, BulkResult.class)
                .handle(call -> creators.bulk().changeTier(CreatorActor.of(call.principal()),
                        call.pathParam("code"), null, call.body(), false));

        api.put(TIERS + "/{code}").summary("Change a tier's defaults; every creator of the tier follows")
                .tag("creators").access(EDIT).body(TierChange.class)
                .header(IF_MATCH, "required; the tier's version").response(200, BulkResult.class)
                .errors(412, 428)
                .handle(call -> {
                    int version = call.requireIfMatch();
                    BulkResult result = creators.bulk().changeTier(CreatorActor.of(call.principal()),
                            call.pathParam("code"), version, call.body(), true);
                    call.etag(version + 1);
                    return result;
                });

        api.get(REQUESTS).summary("Quota requests with usage and earlier requests, oldest first").tag("creators")
                .access(READ).query("status", String.class, "PENDING, APPROVED, PARTLY_APPROVED or DENIED")
                .query("cursor", String.class, "nextCursor of the previous page")
                .query("limit", Integer.class, "1-200 (default 50)")
                .response(200, requests)
                .handle(call -> creators.quotaRequests().page(status(call), call.query("cursor"),
                        call.queryInt("limit", 1, 200)));

        api.get(REQUESTS + "/{id}").pathParam("id", Long.class)
                .summary("One quota request with usage and earlier requests; ETag = its version").tag("creators")
                .access(READ).response(200, QuotaRequestView.class)
                .handle(call -> {
                    QuotaRequestView view = creators.quotaRequests().get(call.pathId("id"));
                    call.etag(view.request().version());
                    return view;
                });

        api.post(REQUESTS + "/{id}/decision").pathParam("id", Long.class)
                .summary("Approve, approve part of, or deny a quota request").tag("creators")
                .access(EDIT).body(QuotaDecision.class).header(IF_MATCH, "required; the request's version")
                .response(200, QuotaRequestView.class).errors(409, 412, 428)
                .handle(call -> {
                    QuotaRequestView view = creators.quotaRequests().decide(CreatorActor.of(call.principal()),
                            call.pathId("id"), call.requireIfMatch(), call.body());
                    call.etag(view.request().version());
                    return view;
                });
    }

    private static FeatureFlag feature(Call call) {
        String raw = call.query("feature");
        if (raw == null) {
            return null;
        }
        return FeatureFlag.named(raw.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> Call.invalidQuery("feature", "creators.query.feature"));
    }

    private static QuotaRequest.Status status(Call call) {
        String raw = call.query("status");
        if (raw == null) {
            return null;
        }
        try {
            return QuotaRequest.Status.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Call.invalidQuery("status", "creators.query.status");
        }
    }
}
