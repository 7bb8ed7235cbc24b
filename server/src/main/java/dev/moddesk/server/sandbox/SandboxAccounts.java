package dev.moddesk.server.sandbox;

import dev.moddesk.contract.Role;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.PasswordHasher;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.staff.StaffRow;
import dev.moddesk.server.staff.StaffStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the sandbox staff accounts admin (ADMIN), ops (OPS) and moderator (MODERATOR) with random passwords.
 * Passwords are kept in {@code sandbox-accounts.properties} in the data folder (owner-readable only) so a restart
 * reuses and reprints the same ones; an account whose password is not in the file gets a new one. Without a data
 * folder (tests) nothing is persisted.
 */
public final class SandboxAccounts {
    private static final Logger log = LoggerFactory.getLogger(SandboxAccounts.class);
    private static final String FILE = "sandbox-accounts.properties";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One seeded account as printed on stdout. */
    public record Account(String username, String password, Role role) {
        @Override
        public String toString() {
            return "Account[" + username + ", " + role + ", password=***]";
        }
    }

    private static final Map<String, Role> ACCOUNTS = Map.of("admin", Role.ADMIN, "ops", Role.OPS,
            "moderator", Role.MODERATOR);
    private static final List<String> ORDER = List.of("admin", "ops", "moderator");
    private static final Map<String, String> DISPLAY_NAMES = Map.of("admin", "沙盒管理员 Sandbox Admin",
            "ops", "运营 王芳", "moderator", "审核员 李伟");

    private final Services services;
    private final StaffStore store = new StaffStore();

    public SandboxAccounts(Services services) {
        this.services = services;
    }

    /** Creates or repairs the three accounts and returns them in print order (admin, ops, moderator). */
    public List<Account> seed() {
        Path dataDir = services.config().dataDir();
        Properties known = load(dataDir);
        List<Account> accounts = new ArrayList<>();
        services.database().jdbi().useTransaction(h -> {
            for (String username : ORDER) {
                Role role = ACCOUNTS.get(username);
                String remembered = known.getProperty(username);
                Optional<StaffRow> existing = store.findByUsername(h, username);
                if (existing.isPresent() && remembered != null
                        && PasswordHasher.matches(remembered, existing.get().passwordHash())) {
                    accounts.add(new Account(username, remembered, existing.get().role()));
                    continue;
                }
                String password = randomPassword();
                if (existing.isPresent()) {
                    store.setPasswordHash(h, existing.get().id(), PasswordHasher.hash(password), false);
                    services.auditLog().record(h, new AuditLog.Entry(null, "sandbox", "staff.password_reset",
                            "staff", Long.toString(existing.get().id()), null, null, "sandbox start", null));
                    accounts.add(new Account(username, password, existing.get().role()));
                } else {
                    long id = store.insert(h, username, DISPLAY_NAMES.get(username), PasswordHasher.hash(password),
                            role, List.of(), services.clock().instant());
                    services.auditLog().record(h, new AuditLog.Entry(null, "sandbox", "staff.create", "staff",
                            Long.toString(id), null, store.findById(h, id).orElseThrow().toMember(),
                            "sandbox start", null));
                    accounts.add(new Account(username, password, role));
                }
            }
        });
        save(dataDir, accounts);
        return List.copyOf(accounts);
    }

    static String randomPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static Properties load(Path dataDir) {
        Properties properties = new Properties();
        if (dataDir == null || !Files.isRegularFile(dataDir.resolve(FILE))) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            log.warn("Could not read {}; new sandbox passwords will be made", FILE, e);
        }
        return properties;
    }

    private static void save(Path dataDir, List<Account> accounts) {
        if (dataDir == null) {
            return;
        }
        Properties properties = new Properties();
        accounts.forEach(a -> properties.setProperty(a.username(), a.password()));
        Path target = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, "sandbox", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Windows: the per-user data folder is already private to the user
            }
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, "ModDesk sandbox accounts (sandbox data only)");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Could not save sandbox passwords to {}", target, e);
        }
    }
}
