package dev.moddesk.app.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.app.testing.TestContext;
import dev.moddesk.contract.platform.PlatformKey;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceKeysViewModelTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private TestContext ctx;
    private ServiceKeysViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeModDeskServer();
        ctx = new TestContext(config);
        ApiClient api = new ApiClient(ApiClient.parseServerUrl(fake.url()), ApiClient.defaultHttpClient(), Json.mapper());
        new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        vm = new ServiceKeysViewModel(new PlatformApi(api), ctx.errors, ctx.bus, ctx.i18n, TestContext.SYNC);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        fake.close();
    }

    @Test
    void anEmptyListSaysNoneYetAndAFailedLoadSaysItCouldNotLoad() throws Exception {
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.load().stateProperty().get()).isEqualTo(LoadStatus.State.LOADED);
        assertThat(vm.load().placeholderProperty().get()).startsWith("No service keys yet");

        fake.platform().failing(true);
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.load().stateProperty().get()).isEqualTo(LoadStatus.State.FAILED);
        assertThat(vm.load().placeholderProperty().get()).startsWith("Could not load the service keys:")
                .doesNotContain("No service keys yet");
    }

    @Test
    void aNewKeyIsShownOnceUntilDismissedAndListedByItsPrefixOnly() throws Exception {
        vm.refresh().get(20, TimeUnit.SECONDS);
        vm.newNameProperty().set("  抖音 生产环境 ");
        vm.create().get(20, TimeUnit.SECONDS);

        String key = vm.createdKeyProperty().get();
        assertThat(key).startsWith("mdk_");
        assertThat(vm.createdKeyNameProperty().get()).isEqualTo("抖音 生产环境");
        assertThat(vm.newNameProperty().get()).isEmpty();
        assertThat(vm.keys()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("抖音 生产环境");
            assertThat(key).startsWith(k.prefix()).isNotEqualTo(k.prefix());
        });
        assertThat(ctx.events).contains(new Events.NotificationEvent(Events.Severity.SUCCESS,
                "Created the service key 抖音 生产环境. Copy it now: it is shown only once."));
        vm.copiedCreatedKey();
        assertThat(vm.copiedProperty().get()).isTrue();

        vm.dismissCreatedKey();
        assertThat(vm.createdKeyProperty().get()).isEmpty();
        assertThat(vm.copiedProperty().get()).isFalse();
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.createdKeyProperty().get()).as("the key is never shown again").isEmpty();
    }

    @Test
    void aRefusedNameIsShownAtTheNameField() throws Exception {
        vm.newNameProperty().set("   ");
        vm.create().get(20, TimeUnit.SECONDS);
        assertThat(vm.nameErrorProperty().get()).contains("1 to 100 characters");
        assertThat(vm.createdKeyProperty().get()).isEmpty();
    }

    @Test
    void revokingMarksTheKeyRevoked() throws Exception {
        vm.newNameProperty().set("staging");
        vm.create().get(20, TimeUnit.SECONDS);
        PlatformKey key = vm.keys().getFirst();
        vm.revoke(key).get(20, TimeUnit.SECONDS);
        assertThat(vm.keys()).singleElement().satisfies(k -> assertThat(k.revokedAt()).isNotNull());
        assertThat(fake.requests()).anyMatch(r -> r.getMethod().equals("DELETE")
                && r.getUrl().encodedPath().equals("/api/v1/platform/keys/" + key.id()));
    }
}
