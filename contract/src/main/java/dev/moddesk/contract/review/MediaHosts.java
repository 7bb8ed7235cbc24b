package dev.moddesk.contract.review;

import java.util.List;

/**
 * {@code GET /api/v1/review/media-hosts}: the hosts an admin allowed ({@code --media-host}) for a platform that serves
 * its own media. A console fetches an application's video or poster only from the server itself or, over https on
 * the default port and without user info, from one of these hosts.
 */
public record MediaHosts(List<String> hosts) {
    public MediaHosts {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
