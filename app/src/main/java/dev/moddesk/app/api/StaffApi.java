package dev.moddesk.app.api;

import com.fasterxml.jackson.databind.JavaType;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.ResetPasswordRequest;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The staff accounts routes ({@code /api/v1/staff/...}, admins) on top of the session's {@link ApiClient}. */
public class StaffApi {
    private static final String BASE = "api/v1/staff";

    private final ApiClient client;

    public StaffApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<List<StaffMember>> list() {
        return send(client.request(client.url(BASE).build()).get().build(), client.listOf(StaffMember.class));
    }

    public CompletableFuture<StaffMember> create(CreateStaffRequest request) {
        return post(BASE, client.json(request), client.type(StaffMember.class));
    }

    public CompletableFuture<StaffMember> update(long id, UpdateStaffRequest request) {
        Request patch = client.request(client.url(BASE + "/" + id).build()).patch(client.json(request)).build();
        return send(patch, client.type(StaffMember.class));
    }

    public CompletableFuture<StaffMember> disable(long id) {
        return post(BASE + "/" + id + "/disable", client.json(Map.of()), client.type(StaffMember.class));
    }

    public CompletableFuture<StaffMember> enable(long id) {
        return post(BASE + "/" + id + "/enable", client.json(Map.of()), client.type(StaffMember.class));
    }

    public CompletableFuture<Void> resetPassword(long id, String newPassword) {
        return post(BASE + "/" + id + "/password", client.json(new ResetPasswordRequest(newPassword)), null);
    }

    private <T> CompletableFuture<T> post(String path, RequestBody body, JavaType type) {
        return send(client.request(client.url(path).build()).post(body).build(), type);
    }

    private <T> CompletableFuture<T> send(Request request, JavaType type) {
        return client.<T>exchange(request, type).thenApply(ApiClient.Reply::body);
    }
}
