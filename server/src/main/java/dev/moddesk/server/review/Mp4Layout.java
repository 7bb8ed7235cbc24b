package dev.moddesk.server.review;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that an MP4 can be played by the console: its index ({@code moov}) comes before its data ({@code mdat}),
 * because JavaFX Media cannot seek in a file it must read to the end first, and it has an H.264 video track
 * ({@code trak/mdia} with a {@code vide} handler whose sample description is {@code avc1} or {@code avc3}). Reads
 * only box headers and the {@code moov} box, never the media data.
 */
final class Mp4Layout {

    /** A moov larger than this is not a short clip's (it lists every sample; minutes of video stay far below). */
    private static final long MAX_MOOV_BYTES = 32L * 1024 * 1024;
    private static final Set<String> H264 = Set.of("avc1", "avc3");

    private Mp4Layout() {
    }

    /** The text key of what is wrong with the MP4 at {@code file}, or empty when the console can play it. */
    static Optional<String> problem(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long pos = 0;
            boolean sawMdat = false;
            while (pos < size) {
                ByteBuffer header = read(channel, pos, (int) Math.min(16, size - pos));
                if (header.remaining() < 8) {
                    return Optional.of("media.mp4.malformed");
                }
                long boxSize = Integer.toUnsignedLong(header.getInt(0));
                String type = type(header, 4);
                int headerLength = 8;
                if (boxSize == 1) {
                    if (header.remaining() < 16) {
                        return Optional.of("media.mp4.malformed");
                    }
                    boxSize = header.getLong(8);
                    headerLength = 16;
                } else if (boxSize == 0) {
                    boxSize = size - pos;
                }
                if (boxSize < headerLength || boxSize > size - pos) {
                    return Optional.of("media.mp4.malformed");
                }
                if (type.equals("mdat")) {
                    sawMdat = true;
                } else if (type.equals("moov")) {
                    if (sawMdat) {
                        return Optional.of("media.mp4.moovAfterMdat");
                    }
                    if (boxSize > MAX_MOOV_BYTES) {
                        return Optional.of("media.mp4.malformed");
                    }
                    ByteBuffer moov = read(channel, pos + headerLength, (int) (boxSize - headerLength));
                    return hasH264Track(moov) ? Optional.empty() : Optional.of("media.mp4.notH264");
                }
                pos += boxSize;
            }
            return Optional.of(sawMdat ? "media.mp4.moovAfterMdat" : "media.mp4.noMoov");
        }
    }

    private static boolean hasH264Track(ByteBuffer moov) {
        for (ByteBuffer trak : children(moov, "trak")) {
            for (ByteBuffer mdia : children(trak, "mdia")) {
                boolean video = children(mdia, "hdlr").stream()
                        .anyMatch(h -> h.remaining() >= 12 && type(h, h.position() + 8).equals("vide"));
                if (!video) {
                    continue;
                }
                for (ByteBuffer minf : children(mdia, "minf")) {
                    for (ByteBuffer stbl : children(minf, "stbl")) {
                        for (ByteBuffer stsd : children(stbl, "stsd")) {
                            // version+flags and entry count, then the sample entries, themselves boxes
                            if (stsd.remaining() >= 16 && H264.contains(type(stsd, stsd.position() + 12))) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The payloads of the direct child boxes of {@code parent} (a payload) with {@code type}. */
    private static java.util.List<ByteBuffer> children(ByteBuffer parent, String type) {
        java.util.List<ByteBuffer> found = new java.util.ArrayList<>();
        int pos = parent.position();
        int end = parent.limit();
        while (end - pos >= 8) {
            long size = Integer.toUnsignedLong(parent.getInt(pos));
            int header = 8;
            if (size == 1) {
                if (end - pos < 16) {
                    break;
                }
                size = parent.getLong(pos + 8);
                header = 16;
            } else if (size == 0) {
                size = end - pos;
            }
            if (size < header || size > end - pos) {
                break;
            }
            if (type(parent, pos + 4).equals(type)) {
                found.add(parent.duplicate().position(pos + header).limit((int) (pos + size)).slice());
            }
            pos += (int) size;
        }
        return found;
    }

    private static String type(ByteBuffer buffer, int at) {
        byte[] four = new byte[4];
        buffer.get(at, four);
        return new String(four, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
