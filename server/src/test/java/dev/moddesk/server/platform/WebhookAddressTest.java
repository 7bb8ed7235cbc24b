package dev.moddesk.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.CreateWebhookRequest;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server started without {@code --allow-private-webhooks} refuses webhook URLs that would make it send requests
 * into its own network. Every address here is a literal or {@code localhost}: no test traffic leaves the machine.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class WebhookAddressTest {

    @Parameter
    Backend backend;

    static TestServer server;
    static TestClient admin;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServers.start(backend);
        admin = server.as(Role.ADMIN);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static TestClient.Response create(String url, String language) {
        return admin.send("POST", "/api/v1/platform/webhooks", "application/json",
                TestClient.json(new CreateWebhookRequest(url, false)), Map.of("Accept-Language", language));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "https://127.0.0.1/hook", "http://[::1]/hook",
            "http://169.254.169.254/latest", "https://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook",
            "https://172.16.9.9/hook", "https://192.168.1.20/hook", "https://100.64.0.7/hook", "http://0.0.0.0/",
            "https://[::]/hook", "http://[::ffff:127.0.0.1]/hook", "https://[::ffff:a9fe:a9fe]/latest",
            "http://2130706433/", "https://2130706433/", "http://localhost:8080/hook", "https://localhost/hook",
            "https://[fd00:ec2::254]/latest", "https://[fe80::1]/hook", "https://224.0.0.251/hook",
            "https://[ff02::1]/hook", "https://255.255.255.255/hook"})
    void aUrlIntoThePrivateNetworkIsRefusedNamingTheField(String url) {
        TestClient.Response response = create(url, "en");

        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        Problem problem = response.problem();
        assertThat(problem.errors()).extracting("field").containsExactly("url");
        assertThat(problem.detail()).contains("--allow-private-webhooks").doesNotContain("https only");
        assertThat(admin.get("/api/v1/platform/webhooks").json()).isEmpty();
    }

    @Test
    void theRefusalIsWrittenInTheCallersLanguage() {
        TestClient.Response english = create("https://169.254.169.254/latest", "en");
        TestClient.Response chinese = create("https://169.254.169.254/latest", "zh-CN");

        assertThat(english.problem().detail()).contains("169.254.169.254", "link-local");
        assertThat(chinese.problem().detail()).contains("169.254.169.254", "链路本地");
        assertThat(chinese.header("Content-Language")).startsWith("zh");
    }

    @Test
    void plainHttpToAPublicAddressIsRefusedAndHttpsIsAccepted() {
        TestClient.Response http = create("http://93.184.216.34/hook", "en");
        assertThat(http.status()).as(http.toString()).isEqualTo(422);
        assertThat(http.problem().errors()).extracting("field").containsExactly("url");
        assertThat(http.problem().detail()).contains("https");

        // Created inactive: nothing is ever sent to it (tests never send traffic off the machine).
        TestClient.Response https = create("https://93.184.216.34/hook", "en");
        assertThat(https.status()).as(https.toString()).isEqualTo(201);
        long id = https.json().get("webhook").get("id").asLong();
        assertThat(admin.delete("/api/v1/platform/webhooks/" + id).status()).isEqualTo(204);
    }
}
