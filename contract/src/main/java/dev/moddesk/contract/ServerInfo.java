package dev.moddesk.contract;

/**
 * {@code GET /api/v1/info}, public: lets a console check it speaks the server's API version before signing in.
 */
public record ServerInfo(String product, String version, int apiVersion, boolean sandbox) {
    /** The API version this contract describes. A console refuses a server with another one. */
    public static final int API_VERSION = 1;
}
