package dev.moddesk.server;

import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.staff.StaffService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.nio.file.Path;

/**
 * {@code admin create --username NAME --role ROLE [--display-name TEXT]}: makes a staff account straight in the
 * configured database (the same {@code --db-*} and {@code --data-dir} options as the server), so a deployment
 * without {@code --sandbox} can get its first admin. It goes through {@link StaffService#create}, so the account is
 * validated like the staff API does and audited in the same transaction, by {@code cli}.
 */
final class AdminCommand {
    /** Options the command shares with the server: where the database is. */
    private static final List<String> DATABASE_OPTIONS = List.of("--db-url", "--db-user", "--db-password",
            "--data-dir");

    record Request(String username, Role role, String displayName, Main.Options database) {
    }

    private AdminCommand() {
    }

    /** Runs {@code admin ...} ({@code args} without the leading "admin"); returns the exit code. */
    static int run(String[] args, PasswordPrompt prompt, PrintStream out, PrintStream err, Map<String, String> env,
                   String osName, Path home) {
        Request request;
        try {
            request = parse(args, env, osName, home);
        } catch (Main.UsageException e) {
            err.println("moddesk-server admin: " + e.getMessage());
            err.println("Run with --help to see the options.");
            return 2;
        }
        String password;
        try {
            password = prompt.read("Password for " + request.username() + ": ");
        } catch (IOException e) {
            err.println("moddesk-server admin: " + e.getMessage());
            return 1;
        }
        Main.Options options = request.database();
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            err.println("moddesk-server admin: cannot use data folder: " + e.getMessage());
            return 1;
        }
        Database.Settings settings = Main.databaseSettings(options);
        try (Database database = Database.open(settings)) {
            ServerConfig config = ServerConfig.defaults(settings, options.dataDir());
            Services services = new Services(config, database, new AuditLog(config.clock()), config.clock(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            StaffMember created = new StaffService(services).create(Principal.tool("cli"),
                    new CreateStaffRequest(request.username(), request.displayName(), password, request.role(),
                            List.of()));
            out.println("Created staff account " + created.username() + " (" + created.role() + ", id "
                    + created.id() + ")");
            return 0;
        } catch (ProblemException e) {
            Problem problem = e.toProblem(null, Locale.ENGLISH);
            err.println("moddesk-server admin: " + problem.detail());
            for (FieldError field : problem.errors()) {
                err.println("  " + field.field() + ": " + field.message());
            }
            return 1;
        } catch (RuntimeException e) {
            err.println("moddesk-server admin: could not create the account: " + e.getMessage());
            return 1;
        }
    }

    static Request parse(String[] args, Map<String, String> env, String osName, Path home)
            throws Main.UsageException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || !rest.removeFirst().equals("create")) {
            throw new Main.UsageException("the admin command is: admin create --username <name> --role <role>");
        }
        String username = null;
        Role role = null;
        String displayName = null;
        List<String> database = new ArrayList<>();
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            String inline = name.equals(arg) ? null : arg.substring(eq + 1);
            switch (name) {
                case "--username" -> username = value(name, inline, rest);
                case "--display-name" -> displayName = value(name, inline, rest);
                case "--role" -> role = role(value(name, inline, rest));
                default -> {
                    if (!DATABASE_OPTIONS.contains(name)) {
                        throw new Main.UsageException("unknown option " + arg + " for admin create");
                    }
                    database.add(name);
                    database.add(value(name, inline, rest));
                }
            }
        }
        if (username == null || username.isBlank()) {
            throw new Main.UsageException("--username is required");
        }
        if (role == null) {
            throw new Main.UsageException("--role is required: MODERATOR, OPS or ADMIN");
        }
        return new Request(username, role, displayName,
                Main.parse(database.toArray(String[]::new), env, osName, home));
    }

    private static Role role(String value) throws Main.UsageException {
        try {
            return Role.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--role must be MODERATOR, OPS or ADMIN, got " + value);
        }
    }

    private static String value(String name, String inline, List<String> rest) throws Main.UsageException {
        if (inline != null) {
            return inline;
        }
        if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
            throw new Main.UsageException(name + " needs a value");
        }
        return rest.removeFirst();
    }
}
