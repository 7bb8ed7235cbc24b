package dev.moddesk.server.session;

import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.PasswordHasher;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.staff.StaffRow;
import dev.moddesk.server.staff.StaffStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, sign-out and token checks. Tokens are 256 random bits, given to the client once and stored only as
 * their SHA-256. A session expires {@code sessionTtl} after its last use; the last use is written at most once per
 * {@code sessionRefreshInterval} so busy consoles do not write on every request. A session read from the database is
 * kept in this node's {@link SessionCache} for a few seconds, so most requests do not read it at all; every change
 * that ends or narrows sessions evicts them (here after the commit, on other nodes by notification). Failed logins are
 * throttled per username and per client address by {@link LoginThrottle}, which reserves each attempt before bcrypt
 * runs.
 */
public final class SessionService {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Services services;
    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final SessionStore store = new SessionStore();
    private final StaffStore staff = new StaffStore();
    private final LoginThrottle throttle;
    private final SessionCache cache;

    SessionService(Services services, SessionCache cache) {
        this.services = services;
        this.cache = cache;
        this.jdbi = services.database().jdbi();
        this.dataSource = services.database().dataSource();
        this.throttle = new LoginThrottle(jdbi, services.config(), store);
    }

    /** Signs in; throws 422 (missing fields), 429 (throttled), 401 (bad credentials) or 403 (disabled). */
    public SessionToken login(LoginRequest request, String clientAddress) {
        List<FieldProblem> errors = new ArrayList<>();
        if (request.username() == null || request.username().isBlank()) {
            errors.add(FieldProblem.of("username", "session.field.required"));
        }
        if (request.password() == null || request.password().isEmpty()) {
            errors.add(FieldProblem.of("password", "session.field.required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String username = request.username().trim();
        if (username.length() > 200) {
            throw ProblemException.invalid("username", "session.field.tooLong");
        }
        Instant now = services.clock().instant();
        long reservation = throttle.reserve(username, clientAddress, now);
        Optional<StaffRow> account;
        boolean verified;
        try {
            account = jdbi.withHandle(h -> staff.findByUsername(h, username));
            // Always run bcrypt, even for unknown names, so timing does not reveal which usernames exist.
            verified = PasswordHasher.matches(request.password(),
                    account.map(StaffRow::passwordHash).orElse(null)) && account.isPresent();
        } catch (RuntimeException e) {
            jdbi.useHandle(h -> throttle.release(h, reservation));
            throw e;
        }
        if (!verified) {
            // The reservation stays: it is this failure's record.
            jdbi.useTransaction(h -> services.auditLog().record(h, new AuditLog.Entry(null, username,
                    "session.login_failed", account.isPresent() ? "staff" : null,
                    account.map(a -> Long.toString(a.id())).orElse(null), null, null, "wrong username or password",
                    clientAddress)));
            log.info("Failed login for a username from {}", clientAddress);
            throw ProblemException.keyed(ProblemType.BAD_CREDENTIALS, "session.badCredentials");
        }
        StaffRow row = account.get();
        if (row.disabled()) {
            jdbi.useTransaction(h -> {
                throttle.release(h, reservation);
                services.auditLog().record(h, new AuditLog.Entry(row.id(), row.username(), "session.login_failed",
                        "staff", Long.toString(row.id()), null, null, "account disabled", clientAddress));
            });
            throw ProblemException.keyed(ProblemType.ACCOUNT_DISABLED, "session.disabled");
        }
        String token = newToken();
        Instant expiresAt = now.plus(services.config().sessionTtl());
        jdbi.useTransaction(h -> {
            store.insert(h, hash(token), row.id(), now, expiresAt, clientAddress);
            store.setLastLogin(h, row.id(), now);
            throttle.release(h, reservation);
            store.clearFailures(h, username);
            store.deleteExpired(h, now);
            store.deleteFailuresBefore(h, now.minus(services.config().loginFailureWindow()));
            services.auditLog().record(h, new AuditLog.Entry(row.id(), row.username(), "session.login", "staff",
                    Long.toString(row.id()), null, null, null, clientAddress));
        });
        boolean mustChange = jdbi.withHandle(h -> staff.mustChangePassword(h, row.id()));
        return new SessionToken(token, expiresAt, me(row), mustChange);
    }

    /** The staff principal for a bearer token, or empty when it is unknown, expired or its account disabled. */
    public Optional<Principal> authenticate(String token, String clientAddress) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = services.clock().instant();
        Optional<SessionStore.ActiveSession> cached = cache.get(hash, now);
        if (cached.isPresent() && usable(cached.get(), now)) {
            return Optional.of(principal(cached.get(), clientAddress));
        }
        long generation = cache.generation();
        Optional<SessionStore.ActiveSession> found = store.find(dataSource, hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionStore.ActiveSession session = found.get();
        if (session.disabled() || !now.isBefore(session.expiresAt())) {
            jdbi.useHandle(h -> store.delete(h, hash));
            services.sessionRevocations().staffChanged(session.staffId());
            return Optional.empty();
        }
        if (!usable(session, now)) {
            Instant expiresAt = now.plus(services.config().sessionTtl());
            jdbi.useHandle(h -> store.touch(h, hash, now, expiresAt));
            session = session.touched(now, expiresAt);
        }
        cache.put(hash, session, now, generation);
        return Optional.of(principal(session, clientAddress));
    }

    /** Whether {@code session} may be used at {@code now} without going to the database (live, last use recent). */
    private boolean usable(SessionStore.ActiveSession session, Instant now) {
        return !session.disabled() && now.isBefore(session.expiresAt())
                && now.isBefore(session.lastUsedAt().plus(services.config().sessionRefreshInterval()));
    }

    private static Principal principal(SessionStore.ActiveSession session, String clientAddress) {
        Principal principal = Principal.staff(session.staffId(), session.username(), session.role(),
                session.cityScopes(), clientAddress);
        return session.mustChangePassword() ? principal.requiringPasswordChange() : principal;
    }

    /** Ends the session of {@code token}, recording it in the audit log. */
    public void logout(Principal principal, String token) {
        jdbi.useTransaction(h -> {
            store.delete(h, hash(token));
            services.auditLog().record(h, AuditLog.Entry.by(principal, "session.logout", "staff",
                    Long.toString(principal.staffId()), null, null, null));
        });
        services.sessionRevocations().staffChanged(principal.staffId());
    }

    public Me me(Principal principal) {
        StaffRow row = jdbi.withHandle(h -> staff.findById(h, principal.staffId()))
                .orElseThrow(() -> ProblemException.keyed(ProblemType.UNAUTHORIZED, "session.signInAgain"));
        return me(row);
    }

    private static Me me(StaffRow row) {
        return new Me(row.id(), row.username(), row.displayName(), row.role(), row.cityScopes());
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the token, hex. Tokens carry 256 random bits, so a fast hash is enough (no salt needed). */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
