package dev.moddesk.app.api;

import com.fasterxml.jackson.databind.JavaType;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;

/** The audit log routes ({@code /api/v1/audit/...}) on top of the session's {@link ApiClient}. */
public class AuditApi {
    private final ApiClient client;

    public AuditApi(ApiClient client) {
        this.client = client;
    }

    /** One page of entries matching {@code q}; blank filters are left out of the query. */
    public CompletableFuture<Page<AuditEntry>> page(AuditQuery q) {
        HttpUrl.Builder url = client.url("api/v1/audit");
        addParam(url, "actor", q.actor());
        addParam(url, "action", q.action());
        addParam(url, "targetType", q.targetType());
        addParam(url, "targetId", q.targetId());
        addParam(url, "from", q.from() == null ? null : q.from().toString());
        addParam(url, "to", q.to() == null ? null : q.to().toString());
        addParam(url, "cursor", q.cursor());
        url.addQueryParameter("limit", Integer.toString(q.limit()));
        return get(url.build(), client.parametric(Page.class, AuditEntry.class));
    }

    /** Every action name the log holds, for the filter. */
    public CompletableFuture<List<String>> actions() {
        return get(client.url("api/v1/audit/actions").build(), client.listOf(String.class));
    }

    private <T> CompletableFuture<T> get(HttpUrl url, JavaType type) {
        return client.<T>exchange(client.request(url).get().build(), type).thenApply(ApiClient.Reply::body);
    }

    private static void addParam(HttpUrl.Builder url, String name, String value) {
        if (value != null) {
            url.addQueryParameter(name, value);
        }
    }
}
