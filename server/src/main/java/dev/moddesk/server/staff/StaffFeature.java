package dev.moddesk.server.staff;

import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.ResetPasswordRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.core.TypeRefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff accounts, admins only: list, create, update, disable/enable, reset password. On start it warns when there is
 * no account at all, since then nobody can sign in to create one.
 */
public final class StaffFeature implements Feature {
    private static final Logger log = LoggerFactory.getLogger(StaffFeature.class);

    private final StaffService staff;

    public StaffFeature(Services services) {
        this.staff = new StaffService(services);
    }

    @Override
    public void start() {
        if (staff.count() == 0) {
            log.warn("No staff account exists, so nobody can sign in. Create the first one with: java -jar "
                    + "moddesk-server.jar admin create --username NAME --role ADMIN (add the same --db-url, "
                    + "--db-user, --db-password or --data-dir options as the server; the password is asked for)");
        }
    }

    @Override
    public void register(Api api) {
        Access admins = Access.role(Role.ADMIN);
        api.get("/api/v1/staff").summary("List staff accounts").access(admins)
                .response(200, TypeRefs.listOf(StaffMember.class))
                .handle(call -> staff.list());

        api.post("/api/v1/staff").summary("Create a staff account").access(admins)
                .body(CreateStaffRequest.class).response(201, StaffMember.class).errors(409)
                .handle(call -> staff.create(call.principal(), call.body()));

        api.get("/api/v1/staff/{id}").pathParam("id", Long.class).summary("One staff account").access(admins)
                .response(200, StaffMember.class)
                .handle(call -> staff.get(call.pathId("id")));

        api.patch("/api/v1/staff/{id}").pathParam("id", Long.class).summary("Change display name, role or city scopes (null fields stay)")
                .access(admins).body(UpdateStaffRequest.class).response(200, StaffMember.class).errors(409)
                .handle(call -> staff.update(call.principal(), call.pathId("id"), call.body()));

        api.post("/api/v1/staff/{id}/disable").pathParam("id", Long.class).summary("Disable an account; its sessions end at once")
                .access(admins).response(200, StaffMember.class).errors(409)
                .handle(call -> staff.setDisabled(call.principal(), call.pathId("id"), true));

        api.post("/api/v1/staff/{id}/enable").pathParam("id", Long.class).summary("Enable an account").access(admins)
                .response(200, StaffMember.class)
                .handle(call -> staff.setDisabled(call.principal(), call.pathId("id"), false));

        api.post("/api/v1/staff/{id}/password").pathParam("id", Long.class).summary("Set a new password; ends the account's sessions")
                .access(admins).body(ResetPasswordRequest.class).response(204)
                .handle(call -> {
                    staff.resetPassword(call.principal(), call.pathId("id"), call.body());
                    return null;
                });
    }
}
