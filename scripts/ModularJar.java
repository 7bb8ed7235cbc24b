import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import java.util.zip.ZipFile;

/**
 * Build step (exec-maven-plugin "modular-jar", run with the JDK 25 toolchain): puts module-info.class into a jar the
 * jar plugin made without it, using the JDK's jar tool (which also records the module's packages and version). Maven
 * may run on an older JDK whose jar tool cannot read a JDK 25 descriptor, hence this step. A jar that already has its
 * descriptor is left untouched, so its timestamp, and with it the start-up AOT cache made from it, stays valid.
 *
 * <p>Usage: {@code java scripts/ModularJar.java <jar> <classes dir> <module version>}
 */
public final class ModularJar {
    private ModularJar() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ModularJar <jar> <classes dir> <module version>");
        }
        Path jar = Path.of(args[0]);
        Path classes = Path.of(args[1]);
        if (!Files.isRegularFile(classes.resolve("module-info.class"))) {
            return; // not a module
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry("module-info.class") != null) {
                return; // the jar plugin did not rebuild the jar since the descriptor went in
            }
        }
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
        int status = tool.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                "--update", "--file", jar.toString(), "--module-version", args[2],
                "-C", classes.toString(), "module-info.class");
        if (status != 0) {
            System.exit(status);
        }
    }
}
