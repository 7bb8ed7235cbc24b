package dev.moddesk.app.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.app.testing.TestContext;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksViewModelTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private TestContext ctx;
    private WebhooksViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeModDeskServer();
        ctx = new TestContext(config);
        ApiClient api = new ApiClient(ApiClient.parseServerUrl(fake.url()), ApiClient.defaultHttpClient(), Json.mapper());
        new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        vm = new WebhooksViewModel(new PlatformApi(api), ctx.errors, ctx.bus, ctx.i18n, TestContext.SYNC);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        fake.close();
    }

    @Test
    void aPrivateUrlIsRefusedAtTheUrlFieldAndTheTypedUrlStays() throws Exception {
        vm.newUrlProperty().set("http://169.254.169.254/latest/meta-data");
        vm.add().get(20, TimeUnit.SECONDS);
        assertThat(vm.urlErrorProperty().get()).contains("169.254.169.254").contains("public addresses only");
        assertThat(vm.newUrlProperty().get()).isEqualTo("http://169.254.169.254/latest/meta-data");
        assertThat(vm.endpoints()).isEmpty();
        assertThat(vm.createdSecretProperty().get()).isEmpty();
    }

    @Test
    void anAddedEndpointShowsItsSecretOnceIsSelectedAndCanBePingedAndDeleted() throws Exception {
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.endpointsLoad().placeholderProperty().get()).isEqualTo("No webhook endpoints yet.");
        vm.newUrlProperty().set("https://ops.example.com/moddesk/hook");
        vm.add().get(20, TimeUnit.SECONDS);
        assertThat(vm.createdSecretProperty().get()).startsWith("whsec_");
        assertThat(vm.selectedProperty().get().url()).isEqualTo("https://ops.example.com/moddesk/hook");
        assertThat(vm.urlErrorProperty().get()).isEmpty();

        vm.sendTest().get(20, TimeUnit.SECONDS);
        assertThat(vm.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.actionType()).isEqualTo("platform.test");
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        });

        vm.delete().get(20, TimeUnit.SECONDS);
        assertThat(vm.endpoints()).isEmpty();
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.deliveriesLoad().placeholderProperty().get()).isEqualTo("Select an endpoint to see its deliveries.");
    }

    @Test
    void aFailedDeliveryIsSentAgainAloneOrWithAllFailedOnesOfItsEndpoint() throws Exception {
        Webhook endpoint = fake.platform().addWebhook("https://ops.example.com/hook");
        WebhookDelivery first = fake.platform().addFailedDelivery(endpoint.id());
        fake.platform().addFailedDelivery(endpoint.id());
        fake.platform().addFailedDelivery(endpoint.id());
        vm.refresh().get(20, TimeUnit.SECONDS);
        vm.selectedProperty().set(vm.endpoints().getFirst());
        vm.loadDeliveries().get(20, TimeUnit.SECONDS);
        assertThat(vm.deliveries()).hasSize(3).allMatch(d -> d.status() == DeliveryStatus.FAILED
                && d.lastStatusCode() == 503);

        vm.redeliver(vm.deliveries().stream().filter(d -> d.id() == first.id()).findFirst().orElseThrow())
                .get(20, TimeUnit.SECONDS);
        assertThat(vm.deliveries()).filteredOn(d -> d.id() == first.id()).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));

        vm.redeliverFailed().get(20, TimeUnit.SECONDS);
        assertThat(vm.deliveries()).hasSize(3).allMatch(d -> d.status() == DeliveryStatus.PENDING);
        assertThat(ctx.events).extracting(e -> ((dev.moddesk.app.core.Events.NotificationEvent) e).message())
                .contains("Action " + first.actionId() + " will be sent again.", "2 failed deliveries will be sent again.");
    }

    @Test
    void deliveriesThatCouldNotLoadSaySoRatherThanNone() throws Exception {
        fake.platform().addWebhook("https://ops.example.com/hook");
        vm.refresh().get(20, TimeUnit.SECONDS);
        fake.platform().failing(true);
        vm.selectedProperty().set(vm.endpoints().getFirst());
        vm.loadDeliveries().get(20, TimeUnit.SECONDS);
        assertThat(vm.deliveriesLoad().stateProperty().get()).isEqualTo(LoadStatus.State.FAILED);
        assertThat(vm.deliveriesLoad().placeholderProperty().get()).startsWith("Could not load the deliveries:");
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.endpointsLoad().placeholderProperty().get()).startsWith("Could not load the webhook endpoints:");
    }
}
