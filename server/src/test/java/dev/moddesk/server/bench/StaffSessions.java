package dev.moddesk.server.bench;

import dev.moddesk.server.testing.LeanHttpClient;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.server.core.Json;
import java.io.IOException;
import java.util.List;

/** Staff accounts and real sessions over the API: {@code POST /api/v1/staff} as admin, {@code POST /api/v1/session}. */
final class StaffSessions {

    private StaffSessions() {
    }

    /** Signs in and returns the session's bearer token. */
    static String signIn(String baseUrl, String username, String password) throws IOException {
        try (LeanHttpClient http = new LeanHttpClient(baseUrl, null)) {
            LeanHttpClient.Response r = http.post("/api/v1/session",
                    Json.mapper().writeValueAsBytes(new LoginRequest(username, password)));
            if (r.status() != 201 && r.status() != 200) {
                throw new IOException("sign-in of " + username + " answered " + r.status() + ": " + r.text());
            }
            return Json.mapper().readTree(r.body()).path("token").asText();
        }
    }

    /** Creates a moderator as the admin of {@code adminToken}; returns its staff id. */
    static long createModerator(String baseUrl, String adminToken, String username, String password,
                                List<String> scopes) throws IOException {
        try (LeanHttpClient http = new LeanHttpClient(baseUrl, adminToken)) {
            LeanHttpClient.Response r = http.post("/api/v1/staff", Json.mapper().writeValueAsBytes(
                    new CreateStaffRequest(username, "压测 " + username, password, Role.MODERATOR, scopes)));
            if (r.status() != 201 && r.status() != 200) {
                throw new IOException("creating " + username + " answered " + r.status() + ": " + r.text());
            }
            return Json.mapper().readTree(r.body()).path("id").asLong();
        }
    }
}
