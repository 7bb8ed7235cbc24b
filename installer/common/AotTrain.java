import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Produces the JDK AOT start-up cache (JEP 483/514) of a jpackage app image with the image's own launcher and
 * runtime, and leaves it where the launcher's java-options look for it ({@code -XX:AOTCache=$APPDIR/moddesk.aot}).
 *
 * <p>Usage: {@code java AotTrain.java IMAGE-DIR APP-NAME [INSTALL-DIR]}. Two runs of the launcher, each with the launcher's
 * configuration file temporarily rewritten (restored afterwards, whatever happens):
 * <ol>
 *   <li>record: {@code -XX:AOTMode=record -XX:AOTConfiguration=…} plus the console's training mode
 *       ({@code -Dmoddesk.aot.training=true}: opens the sign-in window invisibly in both themes and languages, then
 *       exits);</li>
 *   <li>create: {@code -XX:AOTMode=create -XX:AOTCache=$APPDIR/moddesk.aot} (the JVM writes the cache and exits).</li>
 * </ol>
 * Two explicit steps rather than {@code -XX:AOTCacheOutput}, whose second step starts {@code bin/java}, which the
 * trimmed runtime does not have. The cache is deleted and made again on every build: a cache made for other jars may
 * hand out stale classes (JDK-8377932). On Linux without a display the launcher runs under {@code xvfb-run}.
 * A training run that fails, or leaves no cache, fails the build.
 *
 * <p>INSTALL-DIR (Linux: {@code /opt/moddesk}, where the .deb puts the image): the JVM accepts the cache only with the
 * module path it was made with, so both runs see the image at that path: in a private mount namespace
 * ({@code unshare}; a user namespace too when not root) a tmpfs covers the install folder's parent and the image is
 * bind-mounted at the install folder. Nothing outside the build's namespace changes. The jars' times are set to
 * {@link #JAR_EPOCH_SECONDS} first (the JVM checks them too; the .deb's postinst sets the same on the installed ones). Without unshare the cache is made
 * in place and a warning says the installed program will start without it.
 */
public final class AotTrain {
    private static final String CACHE = "moddesk.aot";
    private static final String CACHE_OPTION = "java-options=-XX:AOTCache=$APPDIR/" + CACHE;
    private static final long TIMEOUT_SECONDS = 300;
    /**
     * The modification time every jar of the image gets before training (2000-01-01T00:00:00Z). The JVM accepts the
     * cache only for jars with the times it recorded, and jpackage's .deb step copies the image with new times, so the
     * .deb's postinst sets this same time on the installed jars (installer/linux/resources/postinst).
     */
    static final long JAR_EPOCH_SECONDS = 946_684_800L;

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2 && args.length != 3) {
            throw new IllegalArgumentException("usage: java AotTrain.java IMAGE-DIR APP-NAME [INSTALL-DIR]");
        }
        Path image = Path.of(args[0]).toAbsolutePath().normalize();
        String name = args[1];
        Path installDir = args.length > 2 && !args[2].isBlank() ? Path.of(args[2]) : null;
        if (installDir != null && !(installDir.isAbsolute() && linux() && onPath("unshare"))) {
            System.out.println("WARNING: AOT cache made in " + image + ", not at " + installDir
                    + " (needs Linux and unshare): the installed program will start without it");
            installDir = null;
        }
        Path cfg = firstExisting(image.resolve("lib/app/" + name + ".cfg"), image.resolve("app/" + name + ".cfg"),
                image.resolve("Contents/app/" + name + ".cfg"));
        Path launcher = firstExisting(image.resolve("bin/" + name), image.resolve(name + ".exe"),
                image.resolve("Contents/MacOS/" + name));
        Path appDir = cfg.getParent();
        Path cache = appDir.resolve(CACHE);
        Path config = appDir.resolve("moddesk-aot.conf");
        Files.deleteIfExists(cache);
        Files.deleteIfExists(config);
        try (var files = Files.walk(appDir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(JAR_EPOCH_SECONDS,
                        TimeUnit.SECONDS));
            }
        }
        List<String> original = Files.readAllLines(cfg, StandardCharsets.UTF_8);
        if (!original.contains(CACHE_OPTION)) {
            throw new IllegalStateException(cfg + " has no line " + CACHE_OPTION + " (installer/<os>/launcher.args)");
        }
        Path workDir = Files.createTempDirectory("moddesk-aot-");
        try {
            Path runAs = installDir == null ? launcher : installDir.resolve(image.relativize(launcher));
            List<String> mount = installDir == null ? List.of() : mountAt(image, installDir);
            run(cfg, original, mount, runAs, workDir, List.of("java-options=-XX:AOTMode=record",
                    "java-options=-XX:AOTConfiguration=$APPDIR/moddesk-aot.conf",
                    "java-options=-Dmoddesk.aot.training=true"), true);
            require(config, "the record run wrote no AOT configuration");
            run(cfg, original, mount, runAs, workDir, List.of("java-options=-XX:AOTMode=create",
                    "java-options=-XX:AOTConfiguration=$APPDIR/moddesk-aot.conf",
                    "java-options=-XX:AOTCache=$APPDIR/" + CACHE), false);
            require(cache, "the create run wrote no AOT cache");
        } finally {
            Files.write(cfg, original, StandardCharsets.UTF_8);
            Files.deleteIfExists(config);
        }
        System.out.printf(Locale.ROOT, "AOT cache %s: %.1f MB%n", cache, Files.size(cache) / 1e6);
    }

    /**
     * The command prefix that runs the rest of a command line with {@code image} mounted at {@code installDir}, in a
     * mount namespace of its own: tmpfs on the parent (so the folder can be made without touching the real one),
     * then a bind mount of the image.
     */
    private static List<String> mountAt(Path image, Path installDir) {
        List<String> command = new ArrayList<>(List.of("unshare"));
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs tmpfs \"$1\" && mkdir -p \"$2\" && mount --bind \"$3\" \"$2\" && shift 3 && exec \"$@\"",
                "aot-train", installDir.getParent().toString(), installDir.toString(), image.toString()));
        return command;
    }

    /** Runs the launcher once with the cache option replaced by {@code options}. */
    private static void run(Path cfg, List<String> original, List<String> prefix, Path launcher, Path workDir,
                            List<String> options, boolean needsDisplay) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String line : original) {
            if (line.equals(CACHE_OPTION)) {
                lines.addAll(options);
                // Settings and logs of the training run stay out of the builder's home.
                lines.add("java-options=-Dmoddesk.config.dir=" + workDir.resolve("config"));
            } else {
                lines.add(line);
            }
        }
        Files.write(cfg, lines, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(prefix);
        if (needsDisplay && headlessLinux()) {
            command.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1440x900x24"));
        }
        command.add(launcher.toString());
        // As the console's own training run (app/pom.xml, exec:exec@aot-train): a server nobody answers on.
        command.addAll(List.of("--server", "http://127.0.0.1:9"));
        System.out.println("AOT training: " + String.join(" ", command) + "  " + options);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("AOT training run did not end within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("AOT training run exited with " + process.exitValue());
        }
    }

    private static boolean linux() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static boolean headlessLinux() {
        boolean linux = linux();
        boolean display = notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
        if (linux && !display && !onPath("xvfb-run")) {
            throw new IllegalStateException("No display and no xvfb-run: install xvfb (scripts/ensure-system-packages.sh package)");
        }
        return linux && !display;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("Not an app image: none of " + List.of(candidates) + " exists");
    }

    private static void require(Path file, String message) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IllegalStateException(message + " (" + file + ")");
        }
    }
}
