package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host and user names reach the outbox path from the server and the sign-in form: treat them as an attacker's. */
class AppPathsTest {
    private static final List<String> HOSTILE = List.of(
            "../../etc", "..", ".", "...", "./", "a/b", "a\\b", "C:\\x", "C:", "/etc/passwd", "\\\\server\\share",
            "con", "CON", "nul.txt", "Aux", "com1", "lpt9.log", "conin$", "a\0b", "\0", "a:b", "a*b", "a?b", "a\"b",
            "a<b>", "a|b", "a_b", "trailing.", "trailing ", " leading", ".hidden", "%2e%2e", "%2E%2E", "a%2Fb", "~", "a~b",
            "周敏", "Zhou", "zhou", "ZHOU", "e\u0301", "\u00e9", "\u202Eevil", "x".repeat(300), "x".repeat(301),
            "周".repeat(200), "a".repeat(119), "a".repeat(120), "a".repeat(121), "mod1", "admin", "e2e.leaver",
            "under_score", "127.0.0.1", "::1", "[::1]", "xn--fsq.example");

    @TempDir
    Path data;

    @Test
    void usualNamesKeepTheFolderTheyHadBefore() {
        assertThat(AppPaths.outboxDir(data, "127.0.0.1", 7470, "mod1"))
                .isEqualTo(data.resolve("outbox").resolve("127.0.0.1_7470").resolve("mod1"));
        assertThat(AppPaths.segment("moddesk.example.com")).isEqualTo("moddesk.example.com");
        assertThat(AppPaths.segment("e2e.leaver")).isEqualTo("e2e.leaver");
        assertThat(AppPaths.segment("under_score-1")).isEqualTo("under_score-1");
    }

    @Test
    void hostileNamesStayTwoLevelsInsideTheOutboxAndCanBeCreated() throws Exception {
        Path outbox = Files.createDirectories(data.resolve("outbox")).toRealPath();
        for (String host : HOSTILE) {
            for (String user : List.of(host, "mod1")) {
                Path dir = AppPaths.outboxDir(data, host, 7470, user);
                assertThat(dir.normalize().getParent().getParent()).as(host + " / " + user)
                        .isEqualTo(data.resolve("outbox").normalize());
                Files.createDirectories(dir);
                assertThat(dir.toRealPath().getParent().getParent()).as(host + " / " + user).isEqualTo(outbox);
            }
        }
    }

    @Test
    void eachSegmentIsOnePortableFolderName() {
        for (String name : HOSTILE) {
            String s = AppPaths.segment(name);
            assertThat(s).as(name).matches("[a-z0-9._%A-F~-]+").hasSizeLessThanOrEqualTo(AppPaths.MAX_SEGMENT)
                    .doesNotStartWith(".").doesNotEndWith(".").doesNotContain("/", "\\", ":", "\0", " ");
            String base = s.toLowerCase(Locale.ROOT).split("\\.")[0];
            assertThat(List.of("con", "prn", "aux", "nul", "com1", "lpt9", "conin$")).as(name).doesNotContain(base);
        }
    }

    @Test
    void differentNamesNeverShareAFolderEvenOnACaseInsensitiveDisk() {
        List<String> names = new ArrayList<>(HOSTILE);
        for (int i = 0; i < 2000; i++) {
            names.add("u" + i);
            names.add("U" + i);
            names.add("x".repeat(150) + i); // cut to the same prefix: the hash tells them apart
        }
        Map<String, String> seen = new HashMap<>();
        for (String name : names.stream().distinct().toList()) {
            String folded = AppPaths.segment(name).toLowerCase(Locale.ROOT);
            String before = seen.putIfAbsent(folded, name);
            assertThat(before).as("%s and %s share %s", before, name, folded).isNull();
        }
    }

    @Test
    void hostAndPortTogetherAreUnambiguous() {
        assertThat(AppPaths.outboxDir(data, "a_1", 2, "u")).isNotEqualTo(AppPaths.outboxDir(data, "a", 12, "u"));
        assertThat(AppPaths.outboxDir(data, "a_1", 2, "u")).isNotEqualTo(AppPaths.outboxDir(data, "a", 1, "2_u"));
    }

    @Test
    void emptyNamesAndImpossiblePortsAreRefused() {
        assertThatThrownBy(() -> AppPaths.outboxDir(data, "", 7470, "u")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppPaths.outboxDir(data, "h", 7470, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppPaths.outboxDir(data, "h", 0, "u")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConsoleOnItsOwnConfigDirKeepsItsDataBesideIt(@TempDir Path config) {
        // Unless moddesk.data.dir is set for the whole run, a custom config dir is where data goes.
        if (System.getProperty("moddesk.data.dir") == null) {
            assertThat(AppPaths.dataDir(config)).isEqualTo(config);
        }
        assertThat(AppPaths.dataDir(AppPaths.configDir())).isNotEqualTo(AppPaths.configDir());
    }

    @Test
    void logsGoWhereEachOsKeepsThem() {
        Path home = Path.of("/home/zhou");
        Map<String, String> env = new HashMap<>();
        assertThat(AppPaths.logDir("Linux", env::get, home)).isEqualTo(home.resolve(".local/state/moddesk/logs"));
        env.put("XDG_STATE_HOME", "/var/state/zhou");
        assertThat(AppPaths.logDir("Linux", env::get, home)).isEqualTo(Path.of("/var/state/zhou/moddesk/logs"));
        env.put("XDG_STATE_HOME", "relative/ignored"); // XDG: relative values are invalid
        assertThat(AppPaths.logDir("Linux", env::get, home)).isEqualTo(home.resolve(".local/state/moddesk/logs"));
        assertThat(AppPaths.logDir("Mac OS X", env::get, home)).isEqualTo(home.resolve("Library/Logs/ModDesk"));
        assertThat(AppPaths.logDir("Windows 11", env::get, home))
                .isEqualTo(home.resolve("AppData").resolve("Local").resolve("ModDesk").resolve("logs"));
        env.put("LOCALAPPDATA", "/c/Users/zhou/AppData/Local");
        assertThat(AppPaths.logDir("Windows 11", env::get, home))
                .isEqualTo(Path.of("/c/Users/zhou/AppData/Local").resolve("ModDesk").resolve("logs"));
    }
}
