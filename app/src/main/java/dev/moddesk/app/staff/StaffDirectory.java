package dev.moddesk.app.staff;

import dev.moddesk.app.api.StaffApi;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The staff accounts an admin manages; the API in the app, a fake in view-model tests. */
public interface StaffDirectory {
    CompletableFuture<List<StaffMember>> list();

    CompletableFuture<StaffMember> create(CreateStaffRequest request);

    CompletableFuture<StaffMember> update(long id, UpdateStaffRequest request);

    CompletableFuture<StaffMember> setDisabled(long id, boolean disabled);

    CompletableFuture<Void> resetPassword(long id, String newPassword);

    static StaffDirectory of(StaffApi api) {
        return new StaffDirectory() {
            @Override
            public CompletableFuture<List<StaffMember>> list() {
                return api.list();
            }

            @Override
            public CompletableFuture<StaffMember> create(CreateStaffRequest request) {
                return api.create(request);
            }

            @Override
            public CompletableFuture<StaffMember> update(long id, UpdateStaffRequest request) {
                return api.update(id, request);
            }

            @Override
            public CompletableFuture<StaffMember> setDisabled(long id, boolean disabled) {
                return disabled ? api.disable(id) : api.enable(id);
            }

            @Override
            public CompletableFuture<Void> resetPassword(long id, String newPassword) {
                return api.resetPassword(id, newPassword);
            }
        };
    }
}
