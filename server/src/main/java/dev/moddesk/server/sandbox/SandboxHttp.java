package dev.moddesk.server.sandbox;

import dev.moddesk.server.core.PemKeyStore;
import dev.moddesk.server.core.ServerConfig;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client the sandbox's simulated platform uses to reach the server it runs in. Plain HTTP needs nothing
 * special. With {@code --tls-cert} the server's certificate usually comes from a private CA the JVM does not trust,
 * and may name a host other than the bind address, so the simulator trusts exactly that certificate, the first of the
 * configured chain, and nothing else: a pinned certificate, checked byte for byte, which is stricter than a CA and a
 * host name. A real platform keeps the normal checks; this is only the server talking to itself.
 */
public final class SandboxHttp {

    private SandboxHttp() {
    }

    /** A client for {@code tls}'s server, or a plain one when {@code tls} is null. */
    public static HttpClient client(ServerConfig.Tls tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        if (tls != null) {
            builder.sslContext(pinned((X509Certificate) PemKeyStore.certificates(tls.certificateChain()).getFirst()));
        }
        return builder.build();
    }

    static SSLContext pinned(X509Certificate own) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrust(own)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** Trusts a server only when the certificate it presents is {@code own}. */
    private static final class PinnedTrust extends X509ExtendedTrustManager {
        private final X509Certificate own;

        PinnedTrust(X509Certificate own) {
            this.own = own;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(own)) {
                throw new CertificateException("the server did not present its own configured certificate");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the sandbox's client trusts no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the sandbox's client trusts no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the sandbox's client trusts no clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
