package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.ServerTrust;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.StaffApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.shell.LoginViewModel;
import dev.moddesk.app.shell.PasswordChangeViewModel;
import dev.moddesk.app.testing.TestContext;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production basics end to end, against the real server jar serving HTTPS itself ({@code --tls-cert/--tls-key}) with a
 * certificate from a private CA made in the test: the console connects through the profile's CA file; without it, with
 * another CA or under a host name the certificate does not name, the person reads what is wrong and what to do (en and
 * zh-CN), never a stack trace or an exception's name. Then staff passwords over that connection: the sign-in after an
 * admin reset leads through the change first, and wrong current passwords are throttled like sign-ins.
 */
class ProductionBasicsAgainstRealServerTest {
    @TempDir
    static Path data;
    private static TestCa ca;
    private static RealServer server;
    private static final ErrorMessages ENGLISH = new ErrorMessages(new I18n(Locale.ENGLISH));
    private static final ErrorMessages CHINESE = new ErrorMessages(new I18n(I18n.CHINESE));

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create();
        server = RealServer.start(data.resolve("server"), List.of("--no-sim", "--tls-cert", ca.serverChain().toString(),
                "--tls-key", ca.serverKey().toString()));
        assertThat(server.url()).startsWith("https://127.0.0.1:");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ApiClient client(String url, Path caFile) {
        return new ApiClient(ApiClient.parseServerUrl(url), ServerTrust.withPrivateCa(ApiClient.defaultHttpClient(),
                caFile), Json.mapper());
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    private static ApiException failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(60, TimeUnit.SECONDS));
        return ApiException.find(t).orElseThrow(() -> new AssertionError("not an ApiException", t));
    }

    private static ApiClient admin() throws Exception {
        ApiClient admin = client(server.url(), ca.caCertificate());
        get(new SessionApi(admin).login(server.account(Role.ADMIN).username(), server.account(Role.ADMIN).password()));
        return admin;
    }

    @Test
    void theConsoleSignsInThroughTheProfilesPrivateCa(@TempDir Path config) throws Exception {
        try (TestContext ctx = new TestContext(config)) {
            LoginViewModel login = new LoginViewModel(ctx.sessions, ctx.settings, ctx.errors, TestContext.SYNC,
                    server.url(), server.account(Role.MODERATOR).username(), ca.caCertificate());
            assertThat(login.caFileProperty().get()).isEqualTo(ca.caCertificate().toString());
            login.passwordProperty().set(server.account(Role.MODERATOR).password());

            Session session = get(login.signIn());

            assertThat(login.errorProperty().get()).isEmpty();
            assertThat(ctx.sessions.current()).isSameAs(session);
            assertThat(get(new SessionApi(session.api()).health()).up()).isTrue();
            assertThat(ctx.settings.get().lastCaFile()).isEqualTo(ca.caCertificate().toString());
        }
    }

    @Test
    void withoutThePrivateCaTheCertificateIsUntrustedAndThePersonIsToldWhatToDo() {
        for (Path trusted : new Path[] {null, ca.otherCaCertificate()}) {
            ApiException e = failure(new SessionApi(client(server.url(), trusted)).checkCompatible());

            assertThat(e.kind()).as("trusting %s", trusted).isEqualTo(ApiException.Kind.TLS);
            assertThat(e.tlsProblem()).isEqualTo(ApiException.TlsProblem.UNTRUSTED);
            assertThat(ENGLISH.describe(e)).startsWith("This server's certificate is not signed by a certificate "
                    + "authority this console trusts.").contains("private CA");
            assertThat(CHINESE.describe(e)).startsWith("此服务器的证书不是由本控制台信任的证书颁发机构签发的");
            for (String text : List.of(ENGLISH.describe(e), CHINESE.describe(e))) {
                assertThat(text).doesNotContain("Exception", "PKIX", "sun.security", "\tat ");
            }
        }
    }

    @Test
    void aCertificateForAnotherHostNameSaysSo() {
        String byName = server.url().replace("127.0.0.1", "localhost");

        ApiException e = failure(new SessionApi(client(byName, ca.caCertificate())).checkCompatible());

        assertThat(e.tlsProblem()).isEqualTo(ApiException.TlsProblem.WRONG_HOST);
        assertThat(ENGLISH.describe(e)).isEqualTo("The certificate of this server was issued for another address, not "
                + "localhost. Check the server address: use the name the certificate was issued for.");
        assertThat(CHINESE.describe(e)).startsWith("此服务器的证书是为另一个地址签发的，而不是 localhost。");
    }

    @Test
    void aCaFileThatIsNoCertificateIsNamedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
        Path notACertificate = Files.writeString(dir.resolve("company-ca.pem"), "-----BEGIN NONSENSE-----\n");
        try (TestContext ctx = new TestContext(dir.resolve("config"))) {
            ApiException e = failure(ctx.sessions.signIn(server.url(), notACertificate, "admin", "whatever-password"));

            assertThat(e.kind()).isEqualTo(ApiException.Kind.CA_FILE);
            assertThat(ENGLISH.describe(e)).isEqualTo("The private CA file company-ca.pem cannot be used: choose a "
                    + "certificate file (PEM or DER).");
        }
    }

    @Test
    void afterAnAdminResetTheSignInLeadsThroughThePasswordChange(@TempDir Path config) throws Exception {
        ApiClient admin = admin();
        StaffMember lin = get(new StaffApi(admin).create(new CreateStaffRequest("lin.hui", "林慧", "first-password-1",
                Role.MODERATOR, List.of())));
        get(new StaffApi(admin).resetPassword(lin.id(), "set-by-the-admin-2"));

        try (TestContext ctx = new TestContext(config)) {
            LoginViewModel login = new LoginViewModel(ctx.sessions, ctx.settings, ctx.errors, TestContext.SYNC,
                    server.url(), "lin.hui", ca.caCertificate());
            login.passwordProperty().set("set-by-the-admin-2");
            get(login.signIn());

            assertThat(login.passwordChangeNeededProperty().get()).as("the sign-in waits for the change").isNotNull();
            assertThat(ctx.sessions.current()).as("no session begins before the change").isNull();
            PasswordChangeViewModel change = new PasswordChangeViewModel(ctx.i18n, ctx.errors, TestContext.SYNC);
            change.target(login.passwordChanger(), true, login.passwordProperty().get());
            change.nextProperty().set("short");
            change.repeatProperty().set("shorter");
            assertThat(get(change.submit())).isFalse();
            assertThat(change.repeatErrorProperty().get()).isEqualTo("The two new passwords differ.");
            change.repeatProperty().set("short");
            assertThat(get(change.submit())).isFalse();
            assertThat(change.nextErrorProperty().get()).as("the server's rule, readable")
                    .isEqualTo("must be at least 10 characters");
            change.nextProperty().set("lin's own password");
            change.repeatProperty().set("lin's own password");

            assertThat(get(change.submit())).isTrue();
            login.finishPasswordChange();

            assertThat(ctx.sessions.current()).isNotNull();
            assertThat(ctx.sessions.current().mustChangePassword()).isFalse();
            assertThat(get(new SessionApi(ctx.sessions.current().api()).me()).username()).isEqualTo("lin.hui");
        }
    }

    @Test
    void wrongCurrentPasswordsAreThrottledLikeSignIns() throws Exception {
        ApiClient admin = admin();
        get(new StaffApi(admin).create(new CreateStaffRequest("qian.yu", "钱宇", "qian-password-1", Role.OPS,
                List.of())));
        ApiClient qian = client(server.url(), ca.caCertificate());
        get(new SessionApi(qian).login("qian.yu", "qian-password-1"));
        PasswordChangeViewModel change = new PasswordChangeViewModel(new I18n(Locale.ENGLISH), ENGLISH,
                TestContext.SYNC);
        change.target(new SessionApi(qian)::changePassword, false, "");

        int wrong = 0;
        while (wrong < 20) {
            change.currentProperty().set("guess number " + wrong);
            change.nextProperty().set("a new password 1");
            change.repeatProperty().set("a new password 1");
            assertThat(get(change.submit())).isFalse();
            if (!change.errorProperty().get().isEmpty()) {
                break;
            }
            assertThat(change.currentErrorProperty().get()).isEqualTo("The current password is wrong");
            wrong++;
        }

        assertThat(wrong).as("wrong guesses before the throttle").isEqualTo(5);
        assertThat(change.errorProperty().get()).startsWith("Too many attempts. Try again in");
        ApiException e = failure(new SessionApi(qian).changePassword("qian-password-1", "a new password 1"));
        assertThat(e.is(ProblemType.TOO_MANY_REQUESTS)).as("even the right one waits").isTrue();
    }
}
