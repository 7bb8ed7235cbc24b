package dev.moddesk.app.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.StaffApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.core.Events;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.app.testing.TestContext;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffViewModelTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private TestContext ctx;
    private StaffViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeModDeskServer();
        ctx = new TestContext(config);
        ApiClient api = new ApiClient(ApiClient.parseServerUrl(fake.url()), ApiClient.defaultHttpClient(), Json.mapper());
        new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        vm = new StaffViewModel(StaffDirectory.of(new StaffApi(api)), ctx.errors, ctx.bus, ctx.i18n, TestContext.SYNC);
        vm.refresh().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        fake.close();
    }

    private static <T> void settle(java.util.concurrent.CompletableFuture<T> f) {
        catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
    }

    @Test
    void listsStaff() {
        assertThat(vm.members()).extracting(StaffMember::username).contains("admin", "ops", "moderator");
    }

    @Test
    void invalidCreateShowsEachFieldsMessageAndKeepsTheInput() {
        vm.newUsernameProperty().set("X");
        vm.newPasswordProperty().set("short");
        vm.newScopesProperty().set("北京, 上海");
        settle(vm.create());
        assertThat(vm.createErrors()).containsOnlyKeys("username", "password", "displayName");
        assertThat(vm.createErrors().get("password")).isEqualTo("at least 8 characters");
        assertThat(vm.createErrorProperty().get()).isEqualTo("Some fields need attention.");
        assertThat(vm.newUsernameProperty().get()).isEqualTo("X");
        assertThat(vm.newPasswordProperty().get()).isEqualTo("short");
        assertThat(vm.newScopesProperty().get()).isEqualTo("北京, 上海");
    }

    @Test
    void takenUsernameIsShownAtTheUsernameField() {
        vm.newUsernameProperty().set("ops");
        vm.newDisplayNameProperty().set("Someone");
        vm.newPasswordProperty().set("long-enough-1");
        settle(vm.create());
        assertThat(vm.createErrors().get("username")).contains("taken");
        assertThat(vm.newUsernameProperty().get()).isEqualTo("ops");
    }

    @Test
    void createAddsTheMemberClearsTheFormAndNotifies() {
        vm.newUsernameProperty().set("liu.yang");
        vm.newDisplayNameProperty().set("刘洋");
        vm.newPasswordProperty().set("long-enough-1");
        vm.newRoleProperty().set(Role.OPS);
        vm.newScopesProperty().set("成都，杭州");
        settle(vm.create());
        assertThat(vm.createErrors()).isEmpty();
        StaffMember created = vm.members().getLast();
        assertThat(created.username()).isEqualTo("liu.yang");
        assertThat(created.cityScopes()).containsExactly("成都", "杭州");
        assertThat(vm.newUsernameProperty().get()).isEmpty();
        assertThat(vm.newPasswordProperty().get()).isEmpty();
        assertThat(ctx.events).contains(new Events.NotificationEvent(Events.Severity.SUCCESS, "Created the account liu.yang."));
    }

    @Test
    void disableEnableAndChangeRoleOfTheSelectedMember() {
        StaffMember moderator = vm.members().stream().filter(m -> m.username().equals("moderator")).findFirst().orElseThrow();
        vm.selectedProperty().set(moderator);
        assertThat(vm.editScopesProperty().get()).isEqualTo("北京, 上海");
        settle(vm.toggleDisabled());
        assertThat(vm.selectedProperty().get().disabled()).isTrue();
        settle(vm.toggleDisabled());
        assertThat(vm.selectedProperty().get().disabled()).isFalse();
        vm.editRoleProperty().set(Role.OPS);
        vm.editScopesProperty().set("");
        settle(vm.saveSelected());
        StaffMember now = vm.members().stream().filter(m -> m.username().equals("moderator")).findFirst().orElseThrow();
        assertThat(now.role()).isEqualTo(Role.OPS);
        assertThat(now.cityScopes()).isEmpty();
    }

    @Test
    void resetPasswordErrorsKeepTheTypedPassword() {
        vm.selectedProperty().set(vm.members().getFirst());
        vm.resetPasswordProperty().set("short");
        settle(vm.resetPassword());
        assertThat(vm.editErrors()).containsKey("newPassword");
        assertThat(vm.resetPasswordProperty().get()).isEqualTo("short");
        vm.resetPasswordProperty().set("a-much-longer-one");
        settle(vm.resetPassword());
        assertThat(vm.editErrors()).isEmpty();
        assertThat(vm.resetPasswordProperty().get()).isEmpty();
    }

    @Test
    void nestedFieldNamesMapToTheirField() {
        assertThat(StaffViewModel.baseField("cityScopes[2]")).isEqualTo("cityScopes");
        assertThat(StaffViewModel.baseField("role.name")).isEqualTo("role");
        assertThat(StaffViewModel.scopes(" 北京、上海 ,北京 ")).containsExactly("北京", "上海");
    }
}
