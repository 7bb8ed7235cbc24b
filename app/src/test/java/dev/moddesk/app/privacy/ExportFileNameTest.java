package dev.moddesk.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export file name from a hostile user id never leaves the chosen folder nor names a device. */
class ExportFileNameTest {

    private static final String SAFE = "moddesk-user-[A-Za-z0-9_-]{1,40}-[0-9a-f]{8}\\.json";

    @TempDir
    Path folder;

    @Test
    void hostileIdsGiveOnePlainFileInTheFolder() throws Exception {
        for (String id : List.of("../../x", "CON", "con", "a/b", "a\\b", "..", "", "NUL.txt", "用户/../..",
                "a\r\nb", "\u202eexe.json", "x".repeat(300), "COM1", "/etc/passwd", "C:\\Windows\\x")) {
            String name = ExportFileName.of(id);
            assertThat(name).as(id).matches(SAFE);
            Path file = folder.resolve(name).normalize();
            assertThat(file.getParent()).as(id).isEqualTo(folder);
            Files.writeString(file, "{}");
            assertThat(file).as(id).exists();
        }
    }

    @Test
    void idsThatCleanToTheSameTextStayApartAndAPlainIdIsReadable() {
        assertThat(ExportFileName.of("a/b")).isNotEqualTo(ExportFileName.of("ab"));
        assertThat(ExportFileName.of("u-123")).startsWith("moddesk-user-u-123-");
        assertThat(ExportFileName.of("CON")).doesNotStartWith("CON");
    }
}
