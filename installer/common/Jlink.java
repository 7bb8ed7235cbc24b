import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Makes the installer's trimmed Java runtime: deletes the output folder (jlink refuses an existing one), then runs
 * the JDK's own jlink with the remaining arguments. Usage: java Jlink.java OUTPUT-DIR JLINK-OPTIONS...
 * A single-file program so the step is the same on Linux, Windows and macOS (installer/pom.xml runs it).
 */
public final class Jlink {
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: java Jlink.java OUTPUT-DIR JLINK-OPTIONS...");
        }
        Path output = Path.of(args[0]).toAbsolutePath().normalize();
        if (Files.exists(output)) {
            try (Stream<Path> files = Files.walk(output)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        String[] options = Stream.concat(Arrays.stream(args, 1, args.length), Stream.of("--output", output.toString()))
                .toArray(String[]::new);
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException("This JDK has no jlink (a JRE?): build with a full JDK 25"));
        int status = jlink.run(System.out, System.err, options);
        if (status != 0) {
            System.exit(status);
        }
        System.out.println("Runtime linked in " + output);
    }
}
