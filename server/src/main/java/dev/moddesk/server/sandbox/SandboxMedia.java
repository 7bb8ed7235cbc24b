package dev.moddesk.server.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the sandbox's generated clips and posters (bundled under {@code sandbox/media/}, made by
 * {@code server/scripts/make-sandbox-media.sh}) through the platform's own route, {@code PUT
 * /api/v1/platform/media/{key}}, with a platform key: the sandbox stores media exactly as a real platform does, and
 * the media store knows no class-path special case. Replays answer 200, so every start may upload again.
 */
public final class SandboxMedia {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxMedia.class);
    private static final String FOLDER = "/sandbox/media/";

    private SandboxMedia() {
    }

    /** Every media key the simulated applicants send: each clip and its poster. */
    public static List<String> keys() {
        return CircleApplicantsActivity.mediaKeys();
    }

    /** Uploads every clip and poster with {@code http} (see {@link SandboxHttp}); returns how many the server took (stored now or already there). */
    public static int uploadAll(URI baseUrl, String platformKey, HttpClient http) {
        int stored = 0;
        for (String key : keys()) {
            try (InputStream in = SandboxMedia.class.getResourceAsStream(FOLDER + key)) {
                if (in == null) {
                    LOG.error("Sandbox media {} is missing from the jar; its applications show no video", key);
                    continue;
                }
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                baseUrl.resolve("/api/v1/platform/media/" + key))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + platformKey)
                        .header("Content-Type", key.endsWith(".mp4") ? "video/mp4" : "image/jpeg")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes())).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200 || response.statusCode() == 201) {
                    stored++;
                } else {
                    LOG.error("The server refused sandbox media {}: {} {}", key, response.statusCode(), response.body());
                }
            } catch (IOException e) {
                LOG.error("Could not upload sandbox media {}", key, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stored;
            }
        }
        LOG.info("Sandbox media uploaded: {} of {}", stored, keys().size());
        return stored;
    }
}
