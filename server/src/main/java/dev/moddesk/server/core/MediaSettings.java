package dev.moddesk.server.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where application media live and what the server accepts.
 *
 * @param folder         the media store's folder ({@code --media-dir}); null means {@code <data dir>/media}, or a
 *                       temporary folder when there is no data dir (tests)
 * @param maxUploadBytes the largest upload {@code PUT /api/v1/platform/media/{key}} takes ({@code --media-max-bytes})
 * @param allowedHosts   hosts a platform that hosts its own files may name in https media URLs ({@code --media-host});
 *                       the console fetches from no other host
 */
public record MediaSettings(Path folder, long maxUploadBytes, List<String> allowedHosts) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 64L * 1024 * 1024;

    public MediaSettings {
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be positive");
        }
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public static MediaSettings defaults() {
        return new MediaSettings(null, DEFAULT_MAX_UPLOAD_BYTES, List.of());
    }

    public MediaSettings withFolder(Path folder) {
        return new MediaSettings(folder, maxUploadBytes, allowedHosts);
    }

    public MediaSettings withMaxUploadBytes(long maxUploadBytes) {
        return new MediaSettings(folder, maxUploadBytes, allowedHosts);
    }

    public MediaSettings withAllowedHosts(List<String> allowedHosts) {
        return new MediaSettings(folder, maxUploadBytes, allowedHosts);
    }
}
