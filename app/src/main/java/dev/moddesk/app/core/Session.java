package dev.moddesk.app.core;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.Role;
import java.util.Objects;

/** A signed-in staff member: the API client holding their token and who they are. */
public record Session(String serverUrl, ApiClient api, Me me) {
    public Session {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(me, "me");
    }

    public boolean may(Role required) {
        return me.role().covers(required);
    }

    @Override
    public String toString() {
        return "Session[" + serverUrl + ", " + me.username() + " (" + me.role() + ")]";
    }
}
