package dev.moddesk.server.review;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Tiny media files built box by box for upload tests (no ffmpeg): an MP4 is ftyp, then moov and mdat in the order a
 * test wants, with one track whose handler and sample entry the test chooses.
 */
public final class TinyMedia {

    public static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0,
            1, 1, 0, 0, 1, 0, 1, 0, 0, (byte) 0xff, (byte) 0xd9};
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};

    private TinyMedia() {
    }

    /** A faststart H.264 clip: ftyp, moov (one vide track, avc1), mdat of {@code dataBytes}. */
    public static byte[] mp4(int dataBytes) {
        return concat(ftyp(), moov("vide", "avc1"), mdat(dataBytes));
    }

    /** The same clip as a camera writes it: the index after the data. */
    static byte[] mp4MoovAtEnd() {
        return concat(ftyp(), mdat(64), moov("vide", "avc1"));
    }

    static byte[] mp4WithTrack(String handler, String sampleEntry) {
        return concat(ftyp(), moov(handler, sampleEntry), mdat(64));
    }

    static byte[] ftyp() {
        return box("ftyp", ascii("isom"), new byte[] {0, 0, 2, 0}, ascii("isomiso2avc1mp41"));
    }

    static byte[] moov(String handler, String sampleEntry) {
        byte[] hdlr = box("hdlr", new byte[4], new byte[4], ascii(handler), new byte[12], new byte[] {0});
        byte[] entry = box(sampleEntry, new byte[78]);
        byte[] stsd = box("stsd", new byte[4], new byte[] {0, 0, 0, 1}, entry);
        byte[] stbl = box("stbl", stsd);
        byte[] minf = box("minf", stbl);
        byte[] mdia = box("mdia", box("mdhd", new byte[24]), hdlr, minf);
        byte[] trak = box("trak", box("tkhd", new byte[84]), mdia);
        return box("moov", box("mvhd", new byte[100]), trak);
    }

    static byte[] mdat(int dataBytes) {
        byte[] data = new byte[dataBytes];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        return box("mdat", data);
    }

    static byte[] box(String type, byte[]... parts) {
        byte[] payload = concat(parts);
        return concat(ByteBuffer.allocate(8).putInt(8 + payload.length).put(ascii(type)).array(), payload);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
