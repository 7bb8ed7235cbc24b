package dev.moddesk.server.staff;

import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.ResetPasswordRequest;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import dev.moddesk.server.core.AuditLog;
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

    public List<StaffMember> list() {
        return jdbi.withHandle(h -> store.list(h).stream().map(StaffRow::toMember).toList());
    }

    public StaffMember get(long id) {
        return jdbi.withHandle(h -> store.findById(h, id)).map(StaffRow::toMember)
                .orElseThrow(() -> ProblemException.notFound("No staff member " + id));
    }

    public StaffMember create(Principal actor, CreateStaffRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            errors.add(new FieldError("username",
                    "must be 3-32 lower-case letters, digits, '.', '-' or '_', starting with a letter"));
        }
        checkDisplayName(request.displayName(), errors);
        checkPassword("password", request.password(), errors);
        if (request.role() == null) {
            errors.add(new FieldError("role", "is required: MODERATOR, OPS or ADMIN"));
        }
        checkCities(request.cityScopes(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
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
        List<FieldError> errors = new ArrayList<>();
        if (request.displayName() != null) {
            checkDisplayName(request.displayName(), errors);
            if (request.displayName().isBlank()) {
                errors.add(new FieldError("displayName", "must not be blank"));
            }
        }
        checkCities(request.cityScopes(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return jdbi.inTransaction(h -> {
            StaffRow row = lock(h, id);
            if (id == actor.staffId() && request.role() != null && request.role() != row.role()) {
                throw new ProblemException(ProblemType.CONFLICT, "You cannot change your own role");
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
    }

    /** Disables or enables an account; disabling ends its sessions at once. Unchanged state writes no entry. */
    public StaffMember setDisabled(Principal actor, long id, boolean disabled) {
        if (disabled && id == actor.staffId()) {
            throw new ProblemException(ProblemType.CONFLICT, "You cannot disable your own account");
        }
        return jdbi.inTransaction(h -> {
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
    }

    /** Sets a new password and ends the account's sessions. */
    public void resetPassword(Principal actor, long id, ResetPasswordRequest request) {
        List<FieldError> errors = new ArrayList<>();
        checkPassword("newPassword", request.newPassword(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        String hash = PasswordHasher.hash(request.newPassword());
        jdbi.useTransaction(h -> {
            StaffRow row = lock(h, id);
            store.setPasswordHash(h, id, hash);
            int ended = store.endSessions(h, id);
            audit(h, actor, "staff.password_reset", id, null, Map.of("sessionsEnded", ended,
                    "username", row.username()));
        });
    }

    private StaffRow lock(Handle h, long id) {
        return store.findByIdForUpdate(h, id).orElseThrow(() -> ProblemException.notFound("No staff member " + id));
    }

    private void audit(Handle h, Principal actor, String action, long id, Object before, Object after) {
        services.auditLog().record(h, AuditLog.Entry.by(actor, action, "staff", Long.toString(id), before, after,
                null));
    }

    private static ProblemException taken(String username) {
        return new ProblemException(ProblemType.CONFLICT, "The username " + username + " is taken",
                List.of(new FieldError("username", "is taken")), Map.of());
    }

    private static void checkDisplayName(String displayName, List<FieldError> errors) {
        if (displayName != null && displayName.strip().length() > MAX_DISPLAY_NAME) {
            errors.add(new FieldError("displayName", "must be at most " + MAX_DISPLAY_NAME + " characters"));
        }
    }

    private static void checkPassword(String field, String password, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError(field, "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_BYTES) {
            errors.add(new FieldError(field, "must be at most " + PasswordHasher.MAX_BYTES + " bytes in UTF-8"));
        } else if (password.isBlank()) {
            errors.add(new FieldError(field, "must not be only spaces"));
        }
    }

    private static void checkCities(List<String> cities, List<FieldError> errors) {
        if (cities == null) {
            return;
        }
        if (cities.size() > MAX_CITIES) {
            errors.add(new FieldError("cityScopes", "may list at most " + MAX_CITIES + " cities"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cities.size(); i++) {
            String city = cities.get(i);
            if (city == null || city.isBlank() || city.strip().length() > MAX_CITY_LENGTH) {
                errors.add(new FieldError("cityScopes[" + i + "]",
                        "must be a city name of 1-" + MAX_CITY_LENGTH + " characters"));
            } else if (!seen.add(city.strip())) {
                errors.add(new FieldError("cityScopes[" + i + "]", "is listed twice"));
            }
        }
    }

    private static List<String> cities(List<String> cities) {
        return cities == null ? List.of() : cities.stream().map(String::strip).toList();
    }
}
