package dev.moddesk.server.platform;

import dev.moddesk.server.core.ProblemText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What an applied event's outcome says when the event is recorded but did not do what its type says (for example a
 * withdrawal that came after the decision was published). Its text is the key {@code key} of
 * {@code i18n/problems*.properties}, so the platform reads it in the language it asked for.
 */
public record IngestNote(String key, List<Object> args) {

    public IngestNote {
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** A note whose text is {@code key}; a key without an English text fails here, loudly. */
    public static IngestNote of(String key, Object... args) {
        IngestNote note = new IngestNote(key, Arrays.asList(args));
        if (ProblemText.format(Locale.ENGLISH, key, note.args()) == null) {
            throw new IllegalArgumentException("No problem text " + key + " in i18n/problems.properties");
        }
        return note;
    }

    /** The note in {@code locale} (English when it has no text there). */
    public String text(Locale locale) {
        String text = ProblemText.format(locale, key, args);
        return text != null ? text : ProblemText.format(Locale.ENGLISH, key, args);
    }
}
