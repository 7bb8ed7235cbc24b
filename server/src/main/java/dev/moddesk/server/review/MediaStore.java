package dev.moddesk.server.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where application videos and posters live. The reference server serves the sandbox clips bundled in its jar; a
 * platform that runs it for real would put its object store behind this.
 */
public interface MediaStore {

    /** The whole file, or empty if there is no such key. Files are small (short clips, posters). */
    Optional<byte[]> read(String key);

    /** Files under a class-path folder, read once and kept in memory. */
    static MediaStore classpath(String folder) {
        Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();
        return key -> cache.computeIfAbsent(key, k -> {
            if (!MediaLinks.validKey(k)) {
                return Optional.empty();
            }
            try (InputStream in = MediaStore.class.getResourceAsStream(folder + "/" + k)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String contentType(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (k.endsWith(".jpg") || k.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (k.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
