package dev.moddesk.app.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application videos as local files. The console downloads a clip itself (off the FX thread, with its own timeouts)
 * and plays the file: JavaFX Media given an http URL opens the connection on the calling thread, so a server that
 * hangs froze the whole window, and its HTTP source crashes natively on some answers. Files are keyed by the media
 * path (a signed URL's query changes, the clip does not), shared between the pane and prefetch, and the oldest are
 * deleted beyond {@value #KEEP} files; the folder goes when the console exits.
 */
public final class MediaFiles {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFiles.class);
    static final int KEEP = 24;

    private final Function<String, CompletableFuture<byte[]>> download;
    private final Map<String, CompletableFuture<Path>> files = new LinkedHashMap<>(16, 0.75f, true);
    private Path dir;

    /** {@code download} fetches a (signed, possibly relative) media URL; it must not block the caller. */
    public MediaFiles(Function<String, CompletableFuture<byte[]>> download) {
        this.download = download;
    }

    /** The clip at {@code url} as a local file, downloading it once; a failed download is tried again next time. */
    public synchronized CompletableFuture<Path> file(String url) {
        String key = key(url);
        CompletableFuture<Path> known = files.get(key);
        if (known != null && !known.isCompletedExceptionally() && (!known.isDone() || Files.exists(known.join()))) {
            return known;
        }
        CompletableFuture<Path> fetched = download.apply(url).thenApply(bytes -> write(key, bytes));
        files.put(key, fetched);
        evict();
        return fetched;
    }

    private Path write(String key, byte[] bytes) {
        try {
            Path target;
            synchronized (this) {
                if (dir == null) {
                    dir = Files.createTempDirectory("moddesk-media");
                    dir.toFile().deleteOnExit();
                }
                target = dir.resolve(Integer.toHexString(key.hashCode()) + "-" + safe(key));
            }
            Path temp = Files.createTempFile(target.getParent(), "part-", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the video on disk: " + e.getMessage(), e);
        }
    }

    private void evict() {
        Iterator<Map.Entry<String, CompletableFuture<Path>>> it = files.entrySet().iterator();
        while (files.size() > KEEP && it.hasNext()) {
            CompletableFuture<Path> oldest = it.next().getValue();
            it.remove();
            oldest.thenAccept(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("could not delete {}: {}", path, e.toString());
                }
            });
        }
    }

    static String key(String url) {
        try {
            URI uri = URI.create(url);
            // Host and path: two platforms' hosts may use the same path; a signed link's query changes, the file not.
            return uri.getPath() == null ? url : (uri.getHost() == null ? "" : uri.getHost()) + uri.getPath();
        } catch (IllegalArgumentException e) {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }
    }

    private static String safe(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "clip" : name;
    }
}
