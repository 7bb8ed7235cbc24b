package dev.moddesk.server.review;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The default media store: one file per key in a folder of the data directory ({@code --media-dir}). A key becomes
 * the file name only after {@link MediaKeyCheck} passed it, so no key reaches outside the folder. A new file is
 * linked into place, which fails if the name exists, so two racing uploads of one key (on one node or on nodes
 * sharing the folder) cannot overwrite each other. Each file's SHA-256 is kept beside it in {@code .sha256/}
 * (keys never start with a dot).
 */
public final class FolderMediaStore implements MediaStore {

    private final Path folder;
    private final Path hashes;
    private final Path staging;

    public FolderMediaStore(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder).toRealPath();
        this.hashes = Files.createDirectories(this.folder.resolve(".sha256"));
        this.staging = Files.createDirectories(this.folder.resolve(".incoming"));
    }

    @Override
    public PutOutcome put(String key, Path staged, String sha256) throws IOException {
        Path target = file(key);
        try {
            try {
                Files.createLink(target, staged);
            } catch (FileAlreadyExistsException exists) {
                return sha256.equals(find(key).map(Stored::sha256).orElse(null)) ? PutOutcome.SAME : PutOutcome.CONFLICT;
            } catch (UnsupportedOperationException noLinks) {
                Files.move(staged, target); // no hard links here: a move without REPLACE_EXISTING also refuses
            }
            Files.writeString(hashes.resolve(key), sha256, StandardCharsets.US_ASCII);
            return PutOutcome.CREATED;
        } catch (FileAlreadyExistsException lostRace) {
            return sha256.equals(find(key).map(Stored::sha256).orElse(null)) ? PutOutcome.SAME : PutOutcome.CONFLICT;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public Optional<Stored> find(String key) throws IOException {
        Path file = file(key);
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Path hash = hashes.resolve(key);
        String sha = Files.exists(hash) ? Files.readString(hash, StandardCharsets.US_ASCII).strip() : "";
        if (sha.length() != 64) {
            // Put by hand, or the writer stopped between the link and the hash: compute it once from the file.
            sha = sha256(file);
            Path temp = Files.createTempFile(staging, "sha", ".tmp");
            Files.writeString(temp, sha, StandardCharsets.US_ASCII);
            Files.move(temp, hash, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return Optional.of(new Stored(key, size, sha));
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(file(key), StandardOpenOption.READ);
        channel.position(offset);
        InputStream whole = Channels.newInputStream(channel);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = whole.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = whole.read(buffer, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                whole.close();
            }
        };
    }

    @Override
    public boolean delete(String key) throws IOException {
        boolean removed = Files.deleteIfExists(file(key));
        Files.deleteIfExists(hashes.resolve(key));
        return removed;
    }

    @Override
    public Path staging() {
        return staging;
    }

    private Path file(String key) {
        if (MediaKeyCheck.problem(key).isPresent()) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        Path file = folder.resolve(key);
        if (!file.getParent().equals(folder)) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
