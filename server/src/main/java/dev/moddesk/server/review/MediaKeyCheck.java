package dev.moddesk.server.review;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a media key could not name a file in the store's folder, if it could not. A key becomes a file name as it is, so
 * anything that could climb out of the folder, name a device or a hidden file, or differ by platform is refused: the
 * platform reads which rule its key broke.
 */
final class MediaKeyCheck {

    static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Windows opens these as devices whatever the extension ("nul.mp4" is the null device). */
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9", "conin$", "conout$");

    private MediaKeyCheck() {
    }

    /** The text key of the rule {@code key} breaks, or empty for a key that is a safe file name. */
    static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("media.key.empty");
        }
        if (key.length() > MAX_LENGTH) {
            return Optional.of("media.key.tooLong");
        }
        if (key.indexOf('\0') >= 0) {
            return Optional.of("media.key.nul");
        }
        if (key.contains("..")) {
            return Optional.of("media.key.dots");
        }
        if (key.indexOf('/') >= 0 || key.indexOf('\\') >= 0) {
            return Optional.of("media.key.separator");
        }
        if (key.length() >= 2 && key.charAt(1) == ':') {
            return Optional.of("media.key.absolute");
        }
        String stem = key.toLowerCase(Locale.ROOT);
        int dot = stem.indexOf('.');
        if (DEVICES.contains(dot < 0 ? stem : stem.substring(0, dot))) {
            return Optional.of("media.key.device");
        }
        if (!ALLOWED.matcher(key).matches()) {
            return Optional.of("media.key.characters");
        }
        return Optional.empty();
    }
}
