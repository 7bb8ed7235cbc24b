package dev.moddesk.app.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Whom the console trusts for one server: the Java runtime's trusted certificate authorities (the system store),
 * plus — when a server profile names one — an organization's private CA read from a PEM or DER file. The private CA
 * is added to, never replaces, the system store, and it applies only to that server's client. Host names are still
 * checked by OkHttp against the certificate.
 */
public final class ServerTrust {

    private ServerTrust() {
    }

    /** {@code base} (its pool, dispatcher, timeouts and interceptors) trusting {@code caFile} too; null: {@code base}. */
    public static OkHttpClient withPrivateCa(OkHttpClient base, Path caFile) {
        if (caFile == null) {
            return base;
        }
        X509TrustManager trust = trustManager(caFile);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return base.newBuilder().sslSocketFactory(context.getSocketFactory(), trust).build();
        } catch (GeneralSecurityException e) {
            throw caFileError(caFile, "no TLS context: " + e.getMessage(), e);
        }
    }

    /** The system's trusted CAs and every certificate in {@code caFile}, as one trust manager. */
    static X509TrustManager trustManager(Path caFile) {
        Collection<? extends Certificate> certificates = read(caFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate system : systemTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + n++, system);
            }
            n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("private-ca-" + n++, certificate);
            }
            return onlyX509(trustManagers(store), caFile);
        } catch (GeneralSecurityException | IOException e) {
            throw caFileError(caFile, "cannot build the trust store: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> read(Path caFile) {
        if (!Files.isRegularFile(caFile) || !Files.isReadable(caFile)) {
            throw caFileError(caFile, "not a readable file", null);
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw caFileError(caFile, "no certificate in it", null);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw caFileError(caFile, "not a PEM or DER certificate: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        return onlyX509(trustManagers(null), null);
    }

    private static TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static X509TrustManager onlyX509(TrustManager[] managers, Path caFile) {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw caFileError(caFile, "this Java runtime has no X.509 trust manager", null);
    }

    private static ApiException caFileError(Path caFile, String why, Throwable cause) {
        return ApiException.caFile(caFile == null ? "" : String.valueOf(caFile.getFileName()),
                "The private CA file " + caFile + " cannot be used: " + why, cause);
    }
}
