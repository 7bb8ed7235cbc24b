package dev.moddesk.server.core;

import io.javalin.config.JavalinConfig;
import java.security.KeyStore;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Serves HTTPS directly from the PEM certificate chain and key given with {@code --tls-cert}/{@code --tls-key}:
 * Javalin then gets this one connector instead of its plain HTTP one (it adds its own only when none is set).
 */
public final class HttpsConnector {
    private HttpsConnector() {
    }

    /**
     * Reads the PEM files now, so a wrong file stops the start with a message naming it, and installs the connector
     * on {@code bind}:{@code port}.
     */
    public static void install(JavalinConfig javalin, ServerConfig.Tls tls, String bind, int port) {
        KeyStore keyStore = PemKeyStore.load(tls.certificateChain(), tls.privateKey());
        javalin.jetty.addConnector((server, http) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keyStore);
            ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
            ssl.setCertAlias(PemKeyStore.ALIAS);
            // The client checks the host name against the certificate; the server need not refuse an SNI name the
            // certificate lacks (an IP-only certificate behind a DNS name would otherwise answer 400).
            http.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
            connector.setHost(bind);
            connector.setPort(port);
            return connector;
        });
    }
}
