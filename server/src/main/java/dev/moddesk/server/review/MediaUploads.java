package dev.moddesk.server.review;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one upload from the platform: the key must be a safe file name, the body is streamed to a staging file
 * (never whole in memory) while its SHA-256 is computed and its length held to the limit, then its content must be a
 * JPEG, a PNG or an MP4 the console can play ({@link Mp4Layout}), of the kind the key's extension names. Only then
 * does it reach the {@link MediaStore}. The same key with the same bytes again is a replay; other bytes are 409.
 *
 * <p>A body over the limit is answered 413. When at most {@link #DRAIN_BYTES} past the limit are on their way, they are
 * read and thrown away first: a server that answers and closes while the client is still sending leaves unread bytes
 * in its socket, the close turns into a TCP reset, and the client may see "connection reset" instead of the 413. A
 * client that sends {@code Expect: 100-continue} is answered before it sends anything, whatever the size.
 */
final class MediaUploads {

    private static final Logger LOG = LoggerFactory.getLogger(MediaUploads.class);

    /** How it went: {@code created} false for a replay of bytes the key already held. */
    record Result(UploadedMedia media, boolean created) {
    }

    /** How much of an oversized body is still read (and dropped) so the 413 arrives intact. */
    static final long DRAIN_BYTES = 1024 * 1024;

    private final MediaStore store;
    private final long maxBytes;

    MediaUploads(MediaStore store, long maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Checks the key before a byte is read, so a hostile key costs the platform no upload. */
    static void checkKey(String key) {
        Optional<String> problem = MediaKeyCheck.problem(key);
        if (problem.isPresent()) {
            throw ProblemException.invalid("key", problem.get(), MediaKeyCheck.MAX_LENGTH);
        }
        if (MediaKind.ofKey(key).isEmpty()) {
            throw ProblemException.invalid("key", "media.key.extension");
        }
    }

    /**
     * @param declaredLength the Content-Length, or null for a chunked body
     * @param waitsToSend    the client sent {@code Expect: 100-continue}: it sends no byte of the body until the body is
     *                       read, so an early answer needs no drain
     */
    Result upload(String key, Long declaredLength, boolean waitsToSend, InputStream body) throws IOException {
        checkKey(key);
        if (declaredLength != null && declaredLength > maxBytes) {
            if (!waitsToSend && declaredLength <= maxBytes + DRAIN_BYTES) {
                discard(body, declaredLength);
            }
            throw tooLarge();
        }
        Path staged = Files.createTempFile(store.staging(), "upload-", ".part");
        try {
            MessageDigest digest = FolderMediaStore.newDigest();
            long size = copy(body, staged, digest);
            if (size == 0) {
                throw ProblemException.invalid("body", "media.empty");
            }
            MediaKind kind = checkContent(key, staged);
            String sha256 = HexFormat.of().formatHex(digest.digest());
            MediaStore.PutOutcome outcome = store.put(key, staged, sha256);
            if (outcome == MediaStore.PutOutcome.CONFLICT) {
                throw ProblemException.keyed(ProblemType.CONFLICT, "media.conflict", key);
            }
            LOG.info("Media {}: {} ({} bytes, sha256 {})", outcome == MediaStore.PutOutcome.CREATED ? "stored"
                    : "replayed", key, size, sha256);
            return new Result(new UploadedMedia(key, kind.contentType(), size, sha256),
                    outcome == MediaStore.PutOutcome.CREATED);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private long copy(InputStream body, Path staged, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(staged)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                size += n;
                if (size > maxBytes) {
                    // A body without Content-Length (chunked) is cut off here, not after it filled the disk.
                    discard(body, DRAIN_BYTES);
                    throw tooLarge();
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return size;
    }

    /** Reads and drops up to {@code limit} more bytes of the body, or until it ends. */
    private static void discard(InputStream body, long limit) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = limit;
        int n;
        while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static MediaKind checkContent(String key, Path staged) throws IOException {
        byte[] head = new byte[16];
        int read;
        try (InputStream in = Files.newInputStream(staged)) {
            read = in.readNBytes(head, 0, head.length);
        }
        MediaKind kind = MediaKind.sniff(head, read)
                .orElseThrow(() -> ProblemException.keyed(ProblemType.UNSUPPORTED_MEDIA_TYPE, "media.unsupportedType"));
        if (!kind.named(key)) {
            throw ProblemException.invalid("key", "media.key.wrongExtension", kind.contentType(),
                    String.join(", ", kind.extensions()));
        }
        if (kind == MediaKind.MP4) {
            Optional<String> problem = Mp4Layout.problem(staged);
            if (problem.isPresent()) {
                throw ProblemException.invalid("body", problem.get());
            }
        }
        return kind;
    }

    private ProblemException tooLarge() {
        return ProblemException.keyed(ProblemType.PAYLOAD_TOO_LARGE, "media.tooLarge", maxBytes);
    }
}
