package dev.moddesk.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA and a server certificate it signed (for 127.0.0.1 only, so "localhost" is a wrong host name), made
 * with the openssl command line under {@code target/test-tls/} — test-only files, never used by anything else.
 */
public record TestCertificates(Path folder, Path caCertificate, Path serverChain, Path serverKeyPkcs8,
                               Path serverKeyPkcs1, Path ecChain, Path ecKeySec1) {

    public static TestCertificates create() {
        Path folder = Path.of("target", "test-tls", HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                .toAbsolutePath();
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("README"), "Throwaway test certificates; safe to delete.\n");
            Files.writeString(folder.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
            openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-days", "2", "-subj", "/CN=ModDesk Test CA");
            openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=127.0.0.1");
            openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
            openssl(folder, "rsa", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
            openssl(folder, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
            openssl(folder, "req", "-new", "-key", "ec.key", "-out", "ec.csr", "-subj", "/CN=127.0.0.1");
            openssl(folder, "x509", "-req", "-in", "ec.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "ec.pem", "-days", "2", "-extfile", "server.ext");
        } catch (IOException e) {
            throw new IllegalStateException("could not make test certificates with openssl: " + e.getMessage(), e);
        }
        return new TestCertificates(folder, folder.resolve("ca.pem"), folder.resolve("server.pem"),
                folder.resolve("server.key"), folder.resolve("server-pkcs1.key"), folder.resolve("ec.pem"),
                folder.resolve("ec.key"));
    }

    /** A client context that trusts only the test CA. */
    public SSLContext trustingCa() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(caCertificate)));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(Path folder, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
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
