package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.server.core.MediaSettings;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code PUT /api/v1/platform/media/{key}} and the signed media route over real HTTP, on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(Backend.class)
class MediaUploadHttpTest {

    private static final long LIMIT = 64 * 1024;

    @Parameter
    Backend backend;

    @TempDir
    Path mediaDir;

    private TestServer server;
    private TestClient platform;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        server = TestServers.start(backend, config -> config.withMedia(MediaSettings.defaults().withFolder(mediaDir)
                .withMaxUploadBytes(LIMIT)), List.of());
        TestClient.Response created = server.as(Role.ADMIN).post("/api/v1/platform/keys",
                new CreatePlatformKeyRequest("media uploader"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        platform = server.client().withToken(created.as(CreatedPlatformKey.class).key());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private TestClient.Response upload(String key, byte[] body) {
        return platform.send("PUT", "/api/v1/platform/media/" + key, "application/octet-stream", body, Map.of());
    }

    @Test
    void aClipIsStoredWithItsHashAndPlaysThroughASignedLinkWithRanges() throws Exception {
        byte[] clip = TinyMedia.mp4(5000);
        TestClient.Response stored = upload("clip-1.mp4", clip);

        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        UploadedMedia media = stored.as(UploadedMedia.class);
        assertThat(media.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clip)));
        assertThat(media.size()).isEqualTo(clip.length);
        assertThat(media.contentType()).isEqualTo("video/mp4");
        assertThat(Files.readAllBytes(mediaDir.resolve("clip-1.mp4"))).isEqualTo(clip);
        assertThat(Files.list(mediaDir.resolve(".incoming"))).as("nothing left staged").isEmpty();
        new OpenApiContract(server).check("PUT", "/api/v1/platform/media/{key}", stored);

        String url = server.baseUrl() + new MediaLinks(ReviewFeature.sharedSecret(server.server().services()),
                Duration.ofHours(1)).signedPath("clip-1.mp4", server.server().services().clock().instant());
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(clip);
        assertThat(whole.headers().firstValue("Content-Length")).contains(Integer.toString(clip.length));
        assertThat(whole.headers().firstValue("Content-Type").orElseThrow()).startsWith("video/mp4");
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=100-1099")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(clip, 100, 1100));
        assertThat(part.headers().firstValue("Content-Length")).contains("1000");
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(clip.length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void theSameBytesAgainAreAReplayAndOtherBytesAConflict() {
        byte[] clip = TinyMedia.mp4(3000);
        assertThat(upload("again.mp4", clip).status()).isEqualTo(201);
        TestClient.Response replay = upload("again.mp4", clip);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.as(UploadedMedia.class).size()).isEqualTo(clip.length);

        TestClient.Response other = upload("again.mp4", TinyMedia.mp4(3001));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.problem().detail()).contains("again.mp4");
    }

    @Test
    void postersAreTakenAsJpegAndPng() {
        TestClient.Response jpeg = upload("poster.jpg", TinyMedia.JPEG);
        assertThat(jpeg.status()).as(jpeg.toString()).isEqualTo(201);
        assertThat(jpeg.as(UploadedMedia.class).contentType()).isEqualTo("image/jpeg");
        TestClient.Response png = upload("poster.png", TinyMedia.PNG);
        assertThat(png.status()).as(png.toString()).isEqualTo(201);
        assertThat(png.as(UploadedMedia.class).contentType()).isEqualTo("image/png");
    }

    @Test
    void keysThatCouldLeaveTheFolderAreRefusedNamingTheField() {
        for (String key : List.of("..", "a..b.mp4", "..%2F..%2Fetc.mp4", "a%5Cb.mp4", "%5Cwindows.mp4", "C%3Aclip.mp4",
                "CON.mp4", "nul.jpg", "lpt1.png", ".hidden.mp4", "x".repeat(129) + ".mp4", "clip.exe",
                "%20")) {
            TestClient.Response refused = upload(key, TinyMedia.mp4(100));
            assertThat(refused.status()).as(key + " → " + refused).isEqualTo(422);
            assertThat(refused.problem().errors()).as(key).extracting(e -> e.field()).containsExactly("key");
        }
        assertThat(upload("%2Fetc%2Fpasswd.mp4", TinyMedia.mp4(100)).status()).as("absolute").isIn(400, 404, 422);
        // Jetty refuses a NUL in the path itself (400) before any route runs; MediaKeyCheck would name it too.
        assertThat(upload("clip%00.mp4", TinyMedia.mp4(100)).status()).as("NUL").isIn(400, 422);
        assertThat(MediaKeyCheck.problem("clip\0.mp4")).contains("media.key.nul");
        assertThat(MediaKeyCheck.problem("")).contains("media.key.empty");
        assertThat(MediaKeyCheck.problem("/etc/passwd.mp4")).contains("media.key.separator");
        assertThat(MediaKeyCheck.problem("clip.mp4")).isEmpty();
        try (var files = Files.list(mediaDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly(".incoming", ".sha256");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aClipWhoseIndexFollowsItsDataIsRefusedWithTheFix() {
        TestClient.Response refused = upload("camera.mp4", TinyMedia.mp4MoovAtEnd());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.problem().detail()).contains("moov").contains("+faststart");
        assertThat(refused.problem().errors()).extracting(e -> e.field()).containsExactly("body");

        TestClient.Response chinese = platform.send("PUT", "/api/v1/platform/media/camera.mp4",
                "application/octet-stream", TinyMedia.mp4MoovAtEnd(), Map.of("Accept-Language", "zh-CN"));
        assertThat(chinese.problem().detail()).contains("+faststart").contains("索引");
        assertThat(Files.exists(mediaDir.resolve("camera.mp4"))).isFalse();
    }

    @Test
    void contentOfAnotherKindIsRefused() {
        TestClient.Response text = upload("clip.mp4", "just text, not a video".getBytes());
        assertThat(text.status()).as(text.toString()).isEqualTo(415);
        TestClient.Response hevc = upload("hevc.mp4", TinyMedia.mp4WithTrack("vide", "hvc1"));
        assertThat(hevc.status()).as(hevc.toString()).isEqualTo(422);
        assertThat(hevc.problem().detail()).contains("H.264");
        TestClient.Response audioOnly = upload("audio.mp4", TinyMedia.mp4WithTrack("soun", "avc1"));
        assertThat(audioOnly.status()).isEqualTo(422);
        TestClient.Response jpegAsMp4 = upload("poster.mp4", TinyMedia.JPEG);
        assertThat(jpegAsMp4.status()).as(jpegAsMp4.toString()).isEqualTo(422);
        assertThat(jpegAsMp4.problem().detail()).contains("image/jpeg");
        TestClient.Response truncated = upload("cut.mp4", Arrays.copyOf(TinyMedia.mp4(400), 300));
        assertThat(truncated.status()).isEqualTo(422);
        assertThat(upload("empty.mp4", new byte[0]).status()).isEqualTo(422);
    }

    @Test
    void uploadsOverTheLimitAre413WithOrWithoutALength() throws Exception {
        byte[] big = TinyMedia.mp4((int) LIMIT);
        TestClient.Response declared = upload("big.mp4", big);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.problem().detail()).contains(Long.toString(LIMIT));

        // Chunked: no Content-Length, so the server counts while it copies and stops at the limit.
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/v1/platform/media/big.mp4"))
                .header("Authorization", "Bearer " + platform.token())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(Files.exists(mediaDir.resolve("big.mp4"))).isFalse();
        assertThat(Files.list(mediaDir.resolve(".incoming"))).isEmpty();

        // Just under the limit goes through.
        assertThat(upload("fits.mp4", TinyMedia.mp4((int) LIMIT - 2000)).status()).isEqualTo(201);
    }

    @Test
    void anUploadWellOverTheLimitStillGetsIts413NotAConnectionReset() throws Exception {
        // Far more than a socket buffer past the limit: were the rest left unread, closing the connection would reset
        // it while the platform is still sending, and the platform would see an I/O error instead of the answer.
        byte[] big = TinyMedia.mp4((int) (LIMIT + MediaUploads.DRAIN_BYTES / 2));
        for (boolean chunked : List.of(false, true)) {
            // A plain socket, as a platform's uploader might use: send the whole body, then read the answer.
            URI base = URI.create(server.baseUrl());
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                String head = "PUT /api/v1/platform/media/big.mp4 HTTP/1.1\r\nHost: " + base.getAuthority()
                        + "\r\nAuthorization: Bearer " + platform.token() + "\r\nContent-Type: video/mp4\r\n"
                        + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + big.length)
                        + "\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                if (chunked) {
                    for (int at = 0; at < big.length; at += 8192) {
                        int n = Math.min(8192, big.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(big, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(big);
                }
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as("chunked %s", chunked).startsWith("HTTP/1.1 413").contains(Long.toString(LIMIT));
            }
        }

        // A platform that asks before sending (Expect: 100-continue) is answered at once, however big the body.
        byte[] huge = TinyMedia.mp4((int) (LIMIT + 4 * MediaUploads.DRAIN_BYTES));
        HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/v1/platform/media/huge.mp4")).expectContinue(true)
                .header("Authorization", "Bearer " + platform.token())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(413);
        assertThat(Files.exists(mediaDir.resolve("big.mp4"))).isFalse();
        assertThat(Files.exists(mediaDir.resolve("huge.mp4"))).isFalse();
    }

    @Test
    void onlyThePlatformMayUpload() {
        TestClient.Response anonymous = server.client().send("PUT", "/api/v1/platform/media/x.mp4",
                "application/octet-stream", TinyMedia.mp4(10), Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        TestClient.Response staff = server.as(Role.ADMIN).send("PUT", "/api/v1/platform/media/x.mp4",
                "application/octet-stream", TinyMedia.mp4(10), Map.of());
        assertThat(staff.status()).isEqualTo(401);
    }
}
