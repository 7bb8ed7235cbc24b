package dev.moddesk.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.moddesk.app.core.ServerProfile;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.SettingsStore;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.app.testing.TestContext;
import dev.moddesk.contract.Role;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginViewModelTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private TestContext ctx;
    private LoginViewModel vm;

    @BeforeEach
    void setUp() {
        fake = new FakeModDeskServer();
        ctx = new TestContext(config);
        vm = new LoginViewModel(ctx.sessions, ctx.settings, ctx.errors, TestContext.SYNC, fake.url(), null);
    }

    @AfterEach
    void tearDown() {
        ctx.close();
        fake.close();
    }

    private void attempt(String user, String password) {
        vm.usernameProperty().set(user);
        vm.passwordProperty().set(password);
        catchThrowable(() -> vm.signIn().get(20, TimeUnit.SECONDS));
    }

    @Test
    void wrongPasswordSaysSoKeepsThePasswordAndAsksToSelectIt() {
        attempt("admin", "wrong-one");
        assertThat(vm.errorProperty().get()).isEqualTo("Wrong username or password.");
        assertThat(vm.passwordProperty().get()).isEqualTo("wrong-one");
        assertThat(vm.passwordRejectionsProperty().get()).isEqualTo(1);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(ctx.sessions.current()).isNull();
    }

    @Test
    void rightPasswordBeginsTheSessionAndRemembersServerAndUserButNotThePassword() throws Exception {
        attempt("admin", "wrong-one");
        vm.passwordProperty().set(FakeModDeskServer.PASSWORD);
        Session s = vm.signIn().get(20, TimeUnit.SECONDS);
        assertThat(s.me().role()).isEqualTo(Role.ADMIN);
        assertThat(ctx.sessions.current()).isSameAs(s);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.passwordProperty().get()).isEmpty();
        SettingsStore reread = new SettingsStore(config);
        assertThat(reread.get().lastUser()).isEqualTo("admin");
        assertThat(reread.get().lastServer()).isEqualTo(fake.url());
        assertThat(java.nio.file.Files.readString(reread.file())).doesNotContain(FakeModDeskServer.PASSWORD);
    }

    @Test
    void throttledSaysHowLongToWaitAndKeepsThePassword() {
        attempt("throttled", "whatever");
        assertThat(vm.errorProperty().get()).isEqualTo("Too many attempts. Try again in 30 s.");
        assertThat(vm.passwordProperty().get()).isEqualTo("whatever");
        assertThat(vm.passwordRejectionsProperty().get()).isZero();
    }

    @Test
    void disabledAccountSaysSo() {
        attempt("disabled", FakeModDeskServer.PASSWORD);
        assertThat(vm.errorProperty().get()).isEqualTo("This account is disabled. Ask an admin to enable it.");
    }

    @Test
    void incompatibleServerIsRefusedBeforeLoggingIn() {
        fake.apiVersion(2);
        attempt("admin", FakeModDeskServer.PASSWORD);
        assertThat(vm.errorProperty().get()).startsWith("Incompatible server version.");
        assertThat(fake.requests()).noneMatch(r -> r.getUrl().encodedPath().equals("/api/v1/session"));
    }

    @Test
    void unreachableServerSaysSo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        vm.serverUrlProperty().set("http://127.0.0.1:" + port);
        attempt("admin", FakeModDeskServer.PASSWORD);
        assertThat(vm.errorProperty().get()).startsWith("Cannot reach the server.");
    }

    @Test
    void cannotSignInWithEmptyFields() {
        vm.usernameProperty().set("admin");
        vm.passwordProperty().set("");
        assertThat(vm.canSignInProperty().get()).isFalse();
        vm.passwordProperty().set("x");
        assertThat(vm.canSignInProperty().get()).isTrue();
    }

    @Test
    void suggestsTheHostAsProfileName() {
        vm.serverUrlProperty().set("https://moddesk.example.com:8443/base");
        assertThat(vm.suggestedProfileName()).isEqualTo("moddesk.example.com");
    }

    @Test
    void profilesAreRememberedAndRemoved() {
        vm.saveProfile("Staging");
        assertThat(vm.profiles()).containsExactly(new ServerProfile("Staging", fake.url()));
        assertThat(new SettingsStore(config).get().profiles()).hasSize(1);
        vm.serverUrlProperty().set("https://elsewhere.example");
        vm.pickProfile(vm.profiles().getFirst());
        assertThat(vm.serverUrlProperty().get()).isEqualTo(fake.url());
        vm.removeProfile(vm.profiles().getFirst());
        assertThat(vm.profiles()).isEmpty();
        assertThat(new SettingsStore(config).get().profiles()).isEmpty();
    }

    @Test
    void aProfileRemembersItsPrivateCaFileAndPickingItUsesIt() {
        vm.caFileProperty().set("/etc/moddesk/company-ca.pem");
        vm.saveProfile("Production");
        vm.caFileProperty().set("");
        vm.serverUrlProperty().set("https://elsewhere.example");

        vm.pickProfile(vm.profiles().getFirst());

        assertThat(vm.caFileProperty().get()).isEqualTo("/etc/moddesk/company-ca.pem");
        assertThat(new SettingsStore(config).get().profiles().getFirst().caFile()).isEqualTo("/etc/moddesk/company-ca.pem");
    }

    @Test
    void anUnusableCaFileIsNamedOnTheForm() {
        vm.caFileProperty().set(config.resolve("missing-ca.pem").toString());
        attempt("admin", FakeModDeskServer.PASSWORD);
        assertThat(vm.errorProperty().get()).isEqualTo(
                "The private CA file missing-ca.pem cannot be used: choose a certificate file (PEM or DER).");
        assertThat(ctx.sessions.current()).isNull();
        assertThat(fake.requests()).as("nothing is sent").isEmpty();
    }

    @Test
    void anAdminResetHoldsTheSessionUntilThePasswordIsChanged() throws Exception {
        fake.requirePasswordChange("ops");
        attempt("ops", FakeModDeskServer.PASSWORD);
        assertThat(vm.passwordChangeNeededProperty().get()).isNotNull();
        assertThat(ctx.sessions.current()).isNull();

        vm.passwordChanger().change(FakeModDeskServer.PASSWORD, "ops own password").get(20, TimeUnit.SECONDS);
        vm.finishPasswordChange();

        assertThat(ctx.sessions.current()).isNotNull();
        assertThat(vm.passwordChangeNeededProperty().get()).isNull();
        assertThat(vm.passwordProperty().get()).isEmpty();
    }
}
