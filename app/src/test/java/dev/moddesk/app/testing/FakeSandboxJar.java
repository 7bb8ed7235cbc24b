package dev.moddesk.app.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes a jar whose manifest runs {@link FakeSandboxMain} on this test JVM's class path. */
public final class FakeSandboxJar {
    private FakeSandboxJar() {
    }

    public static Path write(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeSandboxMain.class.getName());
        String classPath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(p -> Path.of(p).toUri().toString())
                .collect(Collectors.joining(" "));
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        Path jar = dir.resolve("fake-server.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            // the manifest is the whole jar
            new JarOutputStream(out, manifest).finish();
        }
        return jar;
    }

    /** For running the console by hand against the fake sandbox: prints the jar path. */
    public static void main(String[] args) throws IOException {
        Path jar = write(Path.of(args[0]));
        org.slf4j.LoggerFactory.getLogger(FakeSandboxJar.class).warn("wrote {}", jar);
    }
}
