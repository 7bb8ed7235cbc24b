package dev.moddesk.server.review;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where application videos and posters live, by key. The default is a folder ({@link FolderMediaStore}); an object
 * store would go behind the same methods. Uploads are checked ({@link MediaUploads}) and staged in a local file
 * before they are put, so a store never sees a half-received or unchecked file.
 */
public interface MediaStore {

    /** What {@link #put} did with a file. */
    enum PutOutcome {
        /** The key is new and now holds the file. */
        CREATED,
        /** The key already held the same bytes (a replay); nothing changed. */
        SAME,
        /** The key holds other bytes; nothing changed. */
        CONFLICT
    }

    /** A stored file: its length in bytes and the hex SHA-256 of its content. */
    record Stored(String key, long size, String sha256) {
    }

    /**
     * Stores the checked file {@code staged} (whose SHA-256 is {@code sha256}) under {@code key}, unless the key
     * holds a file already. Either way {@code staged} is gone afterwards.
     */
    PutOutcome put(String key, Path staged, String sha256) throws IOException;

    /** The stored file under {@code key}, if there is one. */
    Optional<Stored> find(String key) throws IOException;

    /** {@code length} bytes of {@code key} from {@code offset} (a byte range); the caller closes the stream. */
    InputStream open(String key, long offset, long length) throws IOException;

    /** Removes {@code key}; false when there was nothing to remove. */
    boolean delete(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return find(key).isPresent();
    }

    /** A folder for staging uploads, on the same file system as the store where that matters. */
    Path staging() throws IOException;

    /** The media type a key's extension names (uploads are refused when the content is of another kind). */
    static String contentType(String key) {
        return MediaKind.ofKey(key.toLowerCase(Locale.ROOT)).map(MediaKind::contentType)
                .orElse("application/octet-stream");
    }
}
