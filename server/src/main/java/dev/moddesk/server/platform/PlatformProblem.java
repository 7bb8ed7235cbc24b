package dev.moddesk.server.platform;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.ProblemText;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A refusal of an admin's platform request whose detail is read in the caller's language ({@link ProblemText}). */
final class PlatformProblem extends ProblemException {

    private PlatformProblem(ProblemType type, String english, String key, List<Object> args) {
        super(type, english, List.of(), Map.of(), Map.of(), key, args);
    }

    /** {@code type}'s problem with the text {@code key} of {@code i18n/problems*.properties}, formatted with {@code args}. */
    static PlatformProblem of(ProblemType type, String key, Object... args) {
        List<Object> list = List.of(args);
        String english = ProblemText.format(Locale.ENGLISH, key, list);
        if (english == null) {
            throw new IllegalArgumentException("No problem text " + key);
        }
        return new PlatformProblem(type, english, key, list);
    }
}
