package dev.moddesk.server.ops;

import dev.moddesk.contract.Health;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Reply;
import dev.moddesk.server.core.Services;
import java.util.Map;

/**
 * Operations routes outside /api/v1: {@code GET /health}, {@code GET /metrics} (Prometheus text) and
 * {@code GET /openapi.json}, generated from the route registry when first asked (all features have registered
 * by then).
 */
public final class OpsFeature implements Feature {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Services services;
    private volatile Map<String, Object> openApi;

    public OpsFeature(Services services) {
        this.services = services;
    }

    @Override
    public void register(Api api) {
        api.get("/health").summary("UP when the database answers; DOWN with 503 otherwise")
                .description("The one non-2xx answer that is not problem+json: load balancers and the console "
                        + "read the same Health body either way.")
                .tag("ops").access(Access.open()).response(200, Health.class).response(503, Health.class)
                .handle(call -> {
                    boolean up = services.database().ping();
                    Health health = new Health(up ? "UP" : "DOWN", services.database().productName(),
                            services.config().version());
                    return up ? health : Reply.json(503, health);
                });

        api.get("/metrics").summary("Prometheus metrics: requests per route, method and status; JVM; DB pool")
                .tag("ops").access(Access.open()).produces("text/plain").response(200, String.class)
                .handle(call -> Reply.text(200, services.metrics().scrape(), PROMETHEUS_TEXT));

        api.get("/openapi.json").summary("This API as an OpenAPI 3.1 document")
                .tag("ops").access(Access.open()).response(200, Map.class)
                .handle(call -> {
                    if (openApi == null) {
                        openApi = OpenApiDocument.build(api.routes(), services.config().version());
                    }
                    return openApi;
                });
    }
}
