package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.PlatformApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.integrations.WebhooksViewModel;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.PlatformStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Integrations view's client code (PlatformApi, WebhooksViewModel) against the real server process. */
class IntegrationsAgainstRealServerTest {
    @TempDir
    static Path dataDir;

    static RealServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(dataDir, List.of("--no-sim"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void keysAreCreatedShownByPrefixAndRevoked() throws Exception {
        PlatformApi admin = new PlatformApi(server.signedIn(Role.ADMIN));
        CreatedPlatformKey created = admin.createKey("e2e 集成").get(20, TimeUnit.SECONDS);
        assertThat(created.key()).startsWith(created.info().prefix());

        List<PlatformKey> keys = admin.keys().get(20, TimeUnit.SECONDS);
        assertThat(keys).filteredOn(k -> k.id() == created.info().id()).singleElement()
                .satisfies(k -> assertThat(k.revokedAt()).isNull());
        admin.revokeKey(created.info().id()).get(20, TimeUnit.SECONDS);
        assertThat(admin.keys().get(20, TimeUnit.SECONDS)).filteredOn(k -> k.id() == created.info().id())
                .singleElement().satisfies(k -> assertThat(k.revokedAt()).isNotNull());

        PlatformStatus status = admin.status().get(20, TimeUnit.SECONDS);
        assertThat(status.eventTypes()).contains("application.submitted", "user.upserted");
        assertThat(status.countedSince()).isNotNull();
    }

    @Test
    void aLoopbackWebhookUrlIsRefusedAtTheUrlField() throws Exception {
        I18n i18n = new I18n(Locale.ENGLISH);
        WebhooksViewModel vm = new WebhooksViewModel(new PlatformApi(server.signedIn(Role.ADMIN)),
                new ErrorMessages(i18n), new EventBus(Runnable::run), i18n, Runnable::run);
        vm.newUrlProperty().set("https://127.0.0.1:9/hook");
        vm.add().get(20, TimeUnit.SECONDS);
        assertThat(vm.urlErrorProperty().get()).contains("127.0.0.1").contains("public addresses only");
        assertThat(vm.endpoints()).isEmpty();
    }

    @Test
    void redeliveryOfAnUnknownEndpointAndAModeratorAreRefused() {
        PlatformApi admin = new PlatformApi(server.signedIn(Role.ADMIN));
        Throwable unknown = catchThrowable(() -> admin.redeliverFailed(999_999).get(20, TimeUnit.SECONDS));
        assertThat(ApiException.find(unknown)).hasValueSatisfying(e -> assertThat(e.is(ProblemType.NOT_FOUND)).isTrue());

        PlatformApi moderator = new PlatformApi(server.signedIn(Role.MODERATOR));
        Throwable refused = catchThrowable(() -> moderator.keys().get(20, TimeUnit.SECONDS));
        assertThat(ApiException.find(refused)).hasValueSatisfying(e -> assertThat(e.is(ProblemType.FORBIDDEN)).isTrue());
    }
}
