package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Reply;
import java.io.IOException;
import java.io.InputStream;
import dev.moddesk.contract.review.MediaHosts;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The media routes: the platform uploads videos and posters with its service key, and the console's player fetches
 * them through pre-signed links ({@link MediaLinks}), with byte ranges, from the {@link MediaStore}.
 */
final class MediaRoutes {

    private final MediaStore store;
    private final MediaLinks links;
    private final MediaUploads uploads;
    private final Clock clock;
    private final MediaHosts hosts;

    MediaRoutes(MediaStore store, MediaLinks links, long maxUploadBytes, Clock clock, List<String> allowedHosts) {
        this.store = store;
        this.links = links;
        this.uploads = new MediaUploads(store, maxUploadBytes);
        this.clock = clock;
        this.hosts = new MediaHosts(allowedHosts);
    }

    void register(Api api) {
        api.put("/api/v1/platform/media/{key}").summary("Upload an application video (MP4, H.264, moov first) or poster "
                        + "(JPEG, PNG); the same bytes again are a replay").tag("platform").access(Access.platform())
                .rawBody(uploads.maxBytes(), "video/mp4", "image/jpeg", "image/png")
                .response(201, UploadedMedia.class).response(200, UploadedMedia.class).errors(409, 413, 415, 422)
                .handle(this::upload);

        api.get("/api/v1/review/media-hosts").summary("Hosts a platform that serves its own media may use (--media-host)")
                .description("The console fetches an application's video or poster only from this server or, over "
                        + "https on the default port and without user info, from one of these hosts.")
                .tag("review").access(Access.staff()).response(200, MediaHosts.class)
                .handle(call -> hosts);

        api.get("/api/v1/media/{key}").summary("A pre-signed application video or poster, with byte ranges")
                .tag("media").access(Access.open()).produces("video/mp4")
                .query("exp", Long.class, "expiry (epoch seconds) from the signed URL")
                .query("sig", String.class, "signature from the signed URL")
                .response(200, byte[].class).response(206, byte[].class).errors(416)
                .handle(this::serve);
    }

    private Object upload(Call call) throws IOException {
        String key = call.pathParam("key");
        MediaUploads.checkKey(key);
        Long length = null;
        String header = call.header("Content-Length");
        if (header != null) {
            try {
                length = Long.parseLong(header.strip());
            } catch (NumberFormatException ignored) {
                // Jetty refuses a malformed length before this; a missing one means chunked, counted while copying
            }
        }
        MediaUploads.Result result;
        try (InputStream body = call.ctx().req().getInputStream()) {
            String expect = call.header("Expect");
            result = uploads.upload(key, length, expect != null && expect.strip().equalsIgnoreCase("100-continue"), body);
        }
        return Reply.json(result.created() ? 201 : 200, result.media());
    }

    private Object serve(Call call) throws IOException {
        String key = call.pathParam("key");
        if (!links.verify(key, call.query("exp"), call.query("sig"), clock.instant())) {
            // 404 rather than 403: a bad or stale link names nothing the caller could be allowed to see.
            throw ProblemException.keyed(ProblemType.NOT_FOUND, "review.mediaLinkInvalid");
        }
        MediaStore.Stored stored = store.find(key)
                .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "review.noMedia", key));
        long total = stored.size();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(call.header("Range"), total);
        } catch (ByteRange.Unsatisfiable e) {
            return new Reply(416, null, null, Map.of("Accept-Ranges", "bytes", "Content-Range", "bytes */" + total));
        }
        call.ctx().contentType(MediaStore.contentType(key));
        boolean head = "HEAD".equals(call.ctx().method().name());
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(total);
        if (!head) {
            call.ctx().result(store.open(key, first, length));
        }
        // An explicit Content-Length on every answer: without it Jetty streams a larger clip chunked, and JavaFX Media's
        // HTTP source (GStreamer progress buffer) cannot size its cache, reports ERROR_MEDIA_INVALID and then crashes
        // the console natively (SIGSEGV in cache_write_buffer) when the player is disposed.
        if (range.isEmpty()) {
            return new Reply(200, null, null, Map.of("Accept-Ranges", "bytes", "Content-Length", Long.toString(total)));
        }
        return new Reply(206, null, null, Map.of("Accept-Ranges", "bytes",
                "Content-Range", range.get().contentRange(total), "Content-Length", Long.toString(length)));
    }
}
