package dev.moddesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both bundles have the same keys with the same placeholders; every key is used; every used key exists. */
class I18nConsistencyTest {
    private static final Path JAVA = Path.of("src/main/java");
    private static final Path FXML = Path.of("../fxml");
    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9_.]+)\"");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private static Map<String, String> english;
    private static Map<String, String> chinese;
    private static Set<String> javaLiterals;
    private static Set<String> fxmlKeys;

    @BeforeAll
    static void read() throws IOException {
        english = load(BUNDLES.resolve("messages.properties"));
        chinese = load(BUNDLES.resolve("messages_zh_CN.properties"));
        javaLiterals = matches(JAVA, ".java", LITERAL);
        fxmlKeys = matches(FXML, ".fxml", FXML_KEY);
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    private static Set<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(chinese.keySet()).as("keys in zh_CN").containsExactlyInAnyOrderElementsOf(english.keySet());
    }

    @Test
    void placeholdersMatchBetweenLanguages() {
        Map<String, String> mismatched = new TreeMap<>();
        english.forEach((key, en) -> {
            String zh = chinese.get(key);
            if (zh != null && !placeholders(en).equals(placeholders(zh))) {
                mismatched.put(key, en + "  <>  " + zh);
            }
        });
        assertThat(mismatched).as("keys whose {n} placeholders differ").isEmpty();
    }

    /**
     * A message with placeholders goes through MessageFormat, where a lone apostrophe starts a quote: "the user's data
     * to {0}" would show "{0}" instead of the path. Such messages write an apostrophe as two.
     */
    @Test
    void apostrophesInMessagesWithPlaceholdersAreDoubled() {
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        Set<String> broken = new TreeSet<>();
        for (Map<String, String> bundle : java.util.List.of(english, chinese)) {
            bundle.forEach((key, text) -> {
                if (PLACEHOLDER.matcher(text).find() && lone.matcher(text).find()) {
                    broken.add(key);
                }
            });
        }
        assertThat(broken).as("messages with placeholders and a lone apostrophe").isEmpty();
    }

    @Test
    void noTranslationIsBlank() {
        assertThat(english.entrySet().stream().filter(e -> e.getValue().isBlank()).map(Map.Entry::getKey)).isEmpty();
        assertThat(chinese.entrySet().stream().filter(e -> e.getValue().isBlank()).map(Map.Entry::getKey)).isEmpty();
    }

    @Test
    void everyKeyUsedInFxmlExists() {
        assertThat(fxmlKeys.stream().filter(k -> !english.containsKey(k))).as("FXML %keys missing from the bundle").isEmpty();
    }

    @Test
    void everyKeyLikeLiteralInCodeExists() {
        Set<String> prefixes = english.keySet().stream().map(k -> k.substring(0, k.indexOf('.'))).collect(Collectors.toSet());
        Set<String> missing = javaLiterals.stream()
                .filter(l -> prefixes.contains(l.substring(0, l.indexOf('.'))))
                .filter(l -> !l.matches(".*\\.(json|tmp|css|fxml|csv|properties)"))
                .filter(l -> !english.containsKey(l))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("message keys used in code but missing from the bundle").isEmpty();
    }

    @Test
    void everyKeyIsUsed() {
        Set<String> unused = english.keySet().stream()
                .filter(k -> !javaLiterals.contains(k) && !fxmlKeys.contains(k))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unused).as("keys nobody uses").isEmpty();
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
