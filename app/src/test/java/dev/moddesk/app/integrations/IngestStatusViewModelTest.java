package dev.moddesk.app.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.app.testing.TestContext;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStatusViewModelTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private TestContext ctx;

    @AfterEach
    void tearDown() {
        ctx.close();
        fake.close();
    }

    private IngestStatusViewModel signedIn(String user) throws Exception {
        fake = new FakeModDeskServer();
        ctx = new TestContext(config);
        ApiClient api = new ApiClient(ApiClient.parseServerUrl(fake.url()), ApiClient.defaultHttpClient(), Json.mapper());
        new SessionApi(api).login(user, FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        return new IngestStatusViewModel(new PlatformApi(api), ctx.errors, ctx.i18n, TestContext.SYNC);
    }

    @Test
    void showsAppliedDuplicateAndRejectedCountsAndAcceptedTypes() throws Exception {
        IngestStatusViewModel vm = signedIn("admin");
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.load().stateProperty().get()).isEqualTo(LoadStatus.State.LOADED);
        assertThat(vm.statusProperty().get()).satisfies(s -> {
            assertThat(s.eventsApplied()).isEqualTo(1234);
            assertThat(s.eventsDuplicate()).isEqualTo(12);
            assertThat(s.eventsRejected()).isEqualTo(3);
            assertThat(s.eventTypes()).contains("application.submitted", "user.upserted");
        });
    }

    @Test
    void aFailedRefreshKeepsTheLastFiguresAndSaysTheyCouldNotBeLoaded() throws Exception {
        IngestStatusViewModel vm = signedIn("admin");
        vm.refresh().get(20, TimeUnit.SECONDS);
        fake.platform().failing(true);
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.load().stateProperty().get()).isEqualTo(LoadStatus.State.FAILED);
        assertThat(vm.load().placeholderProperty().get()).startsWith("Could not load the ingest status:");
        assertThat(vm.statusProperty().get().eventsApplied()).isEqualTo(1234);
    }

    @Test
    void aModeratorIsRefusedByTheServer() throws Exception {
        IngestStatusViewModel vm = signedIn("moderator");
        vm.refresh().get(20, TimeUnit.SECONDS);
        assertThat(vm.load().stateProperty().get()).isEqualTo(LoadStatus.State.FAILED);
        assertThat(vm.statusProperty().get()).isNull();
    }
}
