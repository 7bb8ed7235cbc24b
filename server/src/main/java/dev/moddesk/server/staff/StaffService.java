package dev.moddesk.server.staff;

import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.ResetPasswordRequest;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.FieldProblem;
import dev.moddesk.server.core.PasswordHasher;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.core.Sql;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rules for staff accounts. Every change runs in one transaction with its audit entry (before/after are
 * {@link StaffMember}s, which carry no password hash). Disabling an account or resetting its password ends its
 * sessions in the same transaction.
 */
public final class StaffService {
    /** Lower-case letters, digits, dot, dash, underscore; 3-32 long, starting with a letter. */
    public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final int MAX_DISPLAY_NAME = 100;
    private static final int MAX_CITIES = 50;
    private static final int MAX_CITY_LENGTH = 50;

    private final Services services;
    private final Jdbi jdbi;
    private final StaffStore store = new StaffStore();

    public StaffService(Services services) {
        this.services = services;
        this.jdbi = services.database().jdbi();
    }

    /** How many accounts exist, disabled ones included. */
    public int count() {
        return jdbi.withHandle(store::count);
    }

    public List<StaffMember> list() {
        return jdbi.withHandle(h -> store.list(h).stream().map(StaffRow::toMember).toList());
    }

    public StaffMember get(long id) {
        return jdbi.withHandle(h -> store.findById(h, id)).map(StaffRow::toMember)
                .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "staff.noStaff", id));
    }

    public StaffMember create(Principal actor, CreateStaffRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            errors.add(FieldProblem.of("username", "staff.field.username"));
        }
        checkDisplayName(request.displayName(), errors);
        checkPassword("password", request.password(), errors);
        if (request.role() == null) {
            errors.add(FieldProblem.of("role", "staff.field.roleRequired"));
        }
        checkCities(request.cityScopes(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        String hash = PasswordHasher.hash(request.password());
        try {
            return jdbi.inTransaction(h -> {
                if (store.findByUsername(h, request.username()).isPresent()) {
                    throw taken(request.username());
                }
                long id = store.insert(h, request.username(), displayName, hash, request.role(),
                        cities(request.cityScopes()), services.clock().instant());
                StaffMember created = store.findById(h, id).orElseThrow().toMember();
                audit(h, actor, "staff.create", id, null, created);
                return created;
            });
        } catch (RuntimeException e) {
            // Two admins creating the same name at once: the unique constraint decides.
            if (Sql.isUniqueViolation(e)) {
                throw taken(request.username());
            }
            throw e;
        }
    }

    public StaffMember update(Principal actor, long id, UpdateStaffRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        if (request.displayName() != null) {
            checkDisplayName(request.displayName(), errors);
            if (request.displayName().isBlank()) {
                errors.add(FieldProblem.of("displayName", "staff.field.notBlank"));
            }
        }
        checkCities(request.cityScopes(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        StaffMember updated = jdbi.inTransaction(h -> {
            StaffRow row = lock(h, id);
            if (id == actor.staffId() && request.role() != null && request.role() != row.role()) {
                throw ProblemException.keyed(ProblemType.CONFLICT, "staff.ownRole");
            }
            StaffMember before = row.toMember();
            store.update(h, id,
                    request.displayName() == null ? row.displayName() : request.displayName().strip(),
                    request.role() == null ? row.role() : request.role(),
                    request.cityScopes() == null ? row.cityScopes() : cities(request.cityScopes()));
            StaffMember after = store.findById(h, id).orElseThrow().toMember();
            if (!after.equals(before)) {
                audit(h, actor, "staff.update", id, before, after);
            }
            return after;
        });
        services.sessionRevocations().staffChanged(id); // role and scopes reach the cached sessions at once
        return updated;
    }

    /** Disables or enables an account; disabling ends its sessions at once. Unchanged state writes no entry. */
    public StaffMember setDisabled(Principal actor, long id, boolean disabled) {
        if (disabled && id == actor.staffId()) {
            throw ProblemException.keyed(ProblemType.CONFLICT, "staff.ownDisable");
        }
        StaffMember changed = jdbi.inTransaction(h -> {
            StaffRow row = lock(h, id);
            if (row.disabled() == disabled) {
                return row.toMember();
            }
            store.setDisabled(h, id, disabled);
            if (disabled) {
                store.endSessions(h, id);
            }
            StaffMember after = store.findById(h, id).orElseThrow().toMember();
            audit(h, actor, disabled ? "staff.disable" : "staff.enable", id, row.toMember(), after);
            return after;
        });
        services.sessionRevocations().staffChanged(id);
        return changed;
    }

    /** Sets a new password, which its owner must change at the next sign-in, and ends the account's sessions. */
    public void resetPassword(Principal actor, long id, ResetPasswordRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        checkPassword("newPassword", request.newPassword(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String hash = PasswordHasher.hash(request.newPassword());
        jdbi.useTransaction(h -> {
            StaffRow row = lock(h, id);
            store.setPasswordHash(h, id, hash, true);
            int ended = store.endSessions(h, id);
            audit(h, actor, "staff.password_reset", id, null, Map.of("sessionsEnded", ended,
                    "username", row.username()));
        });
        services.sessionRevocations().staffChanged(id);
    }

    private StaffRow lock(Handle h, long id) {
        return store.findByIdForUpdate(h, id).orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "staff.noStaff", id));
    }

    private void audit(Handle h, Principal actor, String action, long id, Object before, Object after) {
        services.auditLog().record(h, AuditLog.Entry.by(actor, action, "staff", Long.toString(id), before, after,
                null));
    }

    private static ProblemException taken(String username) {
        return ProblemException.keyed(ProblemType.CONFLICT, "staff.usernameTaken", username)
                .withField(FieldProblem.of("username", "staff.field.taken"));
    }

    private static void checkDisplayName(String displayName, List<FieldProblem> errors) {
        if (displayName != null && displayName.strip().length() > MAX_DISPLAY_NAME) {
            errors.add(FieldProblem.of("displayName", "staff.field.displayNameLength", MAX_DISPLAY_NAME));
        }
    }

    /** The rules every new password meets, whoever sets it (an admin, {@code admin create}, its owner). */
    public static void checkPassword(String field, String password, List<FieldProblem> errors) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(FieldProblem.of(field, "staff.field.passwordShort", MIN_PASSWORD_LENGTH));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_BYTES) {
            errors.add(FieldProblem.of(field, "staff.field.passwordLong", PasswordHasher.MAX_BYTES));
        } else if (password.isBlank()) {
            errors.add(FieldProblem.of(field, "staff.field.passwordBlank"));
        }
    }

    private static void checkCities(List<String> cities, List<FieldProblem> errors) {
        if (cities == null) {
            return;
        }
        if (cities.size() > MAX_CITIES) {
            errors.add(FieldProblem.of("cityScopes", "staff.field.tooManyCities", MAX_CITIES));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cities.size(); i++) {
            String city = cities.get(i);
            if (city == null || city.isBlank() || city.strip().length() > MAX_CITY_LENGTH) {
                errors.add(FieldProblem.of("cityScopes[" + i + "]", "staff.field.city", MAX_CITY_LENGTH));
            } else if (!seen.add(city.strip())) {
                errors.add(FieldProblem.of("cityScopes[" + i + "]", "staff.field.cityTwice"));
            }
        }
    }

    private static List<String> cities(List<String> cities) {
        return cities == null ? List.of() : cities.stream().map(String::strip).toList();
    }
}
