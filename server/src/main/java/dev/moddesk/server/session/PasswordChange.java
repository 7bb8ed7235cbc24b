package dev.moddesk.server.session;

import dev.moddesk.contract.ChangePasswordRequest;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.PasswordHasher;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.staff.StaffRow;
import dev.moddesk.server.staff.StaffService;
import dev.moddesk.server.staff.StaffStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A staff member replaces their own password, proving the current one. The new password meets the same rules as
 * one an admin sets ({@link StaffService#checkPassword}); the change clears "must change password", ends the
 * account's other sessions (a stolen token stops working) and is audited, all in one transaction. A wrong current
 * password is a failed sign-in for {@link LoginThrottle}: the attempt is reserved before bcrypt runs, so someone
 * holding a stolen session cannot guess the password faster than at the sign-in form (429 once over the limits).
 */
final class PasswordChange {
    private final Services services;
    private final Jdbi jdbi;
    private final StaffStore staff = new StaffStore();
    private final LoginThrottle throttle;

    PasswordChange(Services services) {
        this.services = services;
        this.jdbi = services.database().jdbi();
        this.throttle = new LoginThrottle(jdbi, services.config(), new SessionStore());
    }

    void change(Principal who, String token, ChangePasswordRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        if (request.currentPassword() == null || request.currentPassword().isEmpty()) {
            errors.add(FieldProblem.of("currentPassword", "session.field.required"));
        }
        StaffService.checkPassword("newPassword", request.newPassword(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        long reservation = throttle.reserve(who.username(), who.clientAddress(), services.clock().instant(),
                "session.password.throttled");
        StaffRow loaded;
        boolean right;
        try {
            loaded = jdbi.withHandle(h -> staff.findById(h, who.staffId()))
                    .orElseThrow(() -> ProblemException.keyed(ProblemType.UNAUTHORIZED, "session.signInAgain"));
            right = PasswordHasher.matches(request.currentPassword(), loaded.passwordHash());
        } catch (RuntimeException e) {
            jdbi.useHandle(h -> throttle.release(h, reservation));
            throw e;
        }
        StaffRow row = loaded;
        if (!right) {
            // The reservation stays: it is this failure's record, counted with failed sign-ins.
            jdbi.useTransaction(h -> services.auditLog().record(h, AuditLog.Entry.by(who,
                    "session.password_change_failed", "staff", Long.toString(row.id()), null, null,
                    "wrong current password")));
            throw invalid("currentPassword", "session.password.currentWrong");
        }
        if (request.newPassword().equals(request.currentPassword())) {
            jdbi.useHandle(h -> throttle.release(h, reservation));
            throw invalid("newPassword", "session.password.unchanged");
        }
        String hash = PasswordHasher.hash(request.newPassword());
        jdbi.useTransaction(h -> {
            throttle.release(h, reservation);
            staff.findByIdForUpdate(h, row.id());
            staff.setPasswordHash(h, row.id(), hash, false);
            int ended = new SessionStore().deleteOthers(h, row.id(), SessionService.hash(token));
            services.auditLog().record(h, AuditLog.Entry.by(who, "session.password_change", "staff",
                    Long.toString(row.id()), null, Map.of("otherSessionsEnded", ended), null));
        });
        services.sessionRevocations().staffChanged(row.id());
    }

    /** A 422 whose detail is the field's message itself, in the caller's language. */
    private static ProblemException invalid(String field, String key) {
        return ProblemException.keyed(ProblemType.VALIDATION, key).withField(FieldProblem.of(field, key));
    }
}
