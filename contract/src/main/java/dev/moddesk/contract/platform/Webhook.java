package dev.moddesk.contract.platform;

import java.time.Instant;

/** A webhook endpoint that receives every action of the feed (its secret is shown only when it is created). */
public record Webhook(long id, String url, boolean active, Instant createdAt) {
    public Webhook {
        if (url == null || createdAt == null) {
            throw new IllegalArgumentException("url and createdAt are required");
        }
    }
}
