package dev.moddesk.app.core;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.Role;
import java.util.Objects;

/**
 * A signed-in staff member: the API client holding their token and who they are. {@code mustChangePassword}: an
 * admin set the password, and the server refuses everything but changing it until it is changed.
 */
public record Session(String serverUrl, ApiClient api, Me me, boolean mustChangePassword) {
    public Session {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(me, "me");
    }

    public Session(String serverUrl, ApiClient api, Me me) {
        this(serverUrl, api, me, false);
    }

    /** This session once its password has been changed. */
    public Session passwordChanged() {
        return new Session(serverUrl, api, me, false);
    }

    public boolean may(Role required) {
        return me.role().covers(required);
    }

    @Override
    public String toString() {
        return "Session[" + serverUrl + ", " + me.username() + " (" + me.role() + ")]";
    }
}
