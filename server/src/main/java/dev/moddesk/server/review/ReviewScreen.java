package dev.moddesk.server.review;

import dev.moddesk.screening.WordScreen;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The word list circle review screens answers against. It starts from the bundled list; live rooms' keyword lists
 * can later replace it through {@link WordScreen#replaceTerms} without stopping the server.
 */
public final class ReviewScreen {

    private static final String BUNDLED = "/review/screened-terms.txt";

    private final WordScreen words;

    public ReviewScreen(WordScreen words) {
        this.words = words;
    }

    public static ReviewScreen bundled() {
        return new ReviewScreen(new WordScreen(bundledTerms()));
    }

    public WordScreen words() {
        return words;
    }

    static List<String> bundledTerms() {
        List<String> terms = new ArrayList<>();
        try (InputStream in = ReviewScreen.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the server jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    terms.add(t);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUNDLED, e);
        }
        return terms;
    }
}
