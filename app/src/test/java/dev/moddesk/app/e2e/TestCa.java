package dev.moddesk.app.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway certificates for HTTPS tests, made with the openssl command line under {@code target/test-tls/}: a private
 * CA, a server certificate it signed for 127.0.0.1 only (so "localhost" is a wrong host name), and a second,
 * unrelated CA. Test files only; nothing else uses them.
 */
record TestCa(Path folder, Path caCertificate, Path serverChain, Path serverKey, Path otherCaCertificate) {

    static TestCa create() {
        Path folder = Path.of("target", "test-tls", HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                .toAbsolutePath();
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
            openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-days", "2", "-subj", "/CN=ModDesk Console Test CA");
            openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=127.0.0.1");
            openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
            openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out",
                    "other-ca.pem", "-days", "2", "-subj", "/CN=Somebody Else's CA");
        } catch (IOException e) {
            throw new IllegalStateException("could not make test certificates with openssl: " + e.getMessage(), e);
        }
        return new TestCa(folder, folder.resolve("ca.pem"), folder.resolve("server.pem"), folder.resolve("server.key"),
                folder.resolve("other-ca.pem"));
    }

    private static void openssl(Path folder, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
