package dev.moddesk.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The problem texts: both languages have the same keys, every text is a valid pattern, every key the code names exists. */
class ProblemTextTest {
    /** A call that names a text key, up to the end of its statement. */
    private static final Pattern KEYED_CALL = Pattern.compile(
            "(?:keyed|invalid|invalidQuery|refuse|FieldProblem\\.of|IngestNote\\.of|ReviewFailure\\.of)\\(([^;]*);");
    private static final Pattern KEY = Pattern.compile("\"((?:core|session|staff|platform|audit|review|creators|lifecycle|rooms|ingest)\\.[A-Za-z.]+)\"");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ProblemText.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndValidPatterns() throws IOException {
        Properties english = load("problems.properties");
        Properties chinese = load("problems_zh_CN.properties");
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (Properties texts : List.of(english, chinese)) {
            for (String key : texts.stringPropertyNames()) {
                new MessageFormat(texts.getProperty(key), Locale.ROOT); // throws on a broken pattern
            }
        }
    }

    @Test
    void everyKeyTheServerNamesHasATextInBothLanguages() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher call = KEYED_CALL.matcher(Files.readString(file));
                while (call.find()) {
                    Matcher key = KEY.matcher(call.group(1));
                    while (key.find()) {
                        named.add(key.group(1));
                    }
                }
            }
        }
        assertThat(named).as("keys found in the code").hasSizeGreaterThan(50);
        Set<String> english = load("problems.properties").stringPropertyNames();
        assertThat(english).containsAll(named);
        assertThat(load("problems_zh_CN.properties").stringPropertyNames()).containsAll(named);
    }

    @Test
    void aKeyWithoutATextFailsWhenTheProblemIsMade() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProblemException.keyed(
                dev.moddesk.contract.ProblemType.CONFLICT, "core.noSuchText")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
