package dev.moddesk.contract;

/**
 * {@code GET /api/v1/info}, public: lets a console check it speaks the server's API version before signing in.
 * {@code idempotencyRetentionSeconds} is how long the server keeps the answers to idempotent writes (null from a
 * server that does not say): a console's outbox does not send blindly an entry older than that.
 */
public record ServerInfo(String product, String version, int apiVersion, boolean sandbox,
                         Long idempotencyRetentionSeconds) {
    /** The API version this contract describes. A console refuses a server with another one. */
    public static final int API_VERSION = 1;

    public ServerInfo(String product, String version, int apiVersion, boolean sandbox) {
        this(product, version, apiVersion, sandbox, null);
    }
}
