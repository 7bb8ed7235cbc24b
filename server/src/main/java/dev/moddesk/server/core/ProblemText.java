package dev.moddesk.server.core;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Problem details in the caller's language. Texts live in {@code i18n/problems.properties} (English) and
 * {@code i18n/problems_zh_CN.properties}, keyed and formatted with {@link MessageFormat}; an enum argument is shown by
 * its own entry ({@code enum.<NAME>}) when there is one, and a {@link FieldProblem} argument by its message. The
 * console sends its UI language as {@code Accept-Language}. Every feature's keys live here, prefixed by the feature
 * ({@code core.}, {@code session.}, {@code staff.}, {@code platform.}, {@code audit.}, {@code review.}); a test keeps
 * both files to the same keys and every key the code names present.
 */
public final class ProblemText {

    /** The key whose text is its one argument as it is, in every language (for English-only field messages). */
    public static final String VERBATIM = "core.verbatim";

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** Chinese when the header prefers a Chinese language range over English, English otherwise. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return CHINESE;
                }
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
        return Locale.ENGLISH;
    }

    /** The text of {@code key} in {@code locale}, or null when there is none. */
    public static String format(Locale locale, String key, List<Object> args) {
        ResourceBundle bundle = bundle(locale);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
        Object[] shown = new Object[args.size()];
        for (int i = 0; i < shown.length; i++) {
            Object a = args.get(i);
            shown[i] = a instanceof Enum<?> e ? text(bundle, "enum." + e.name(), e.name())
                    : a instanceof FieldProblem field ? field.message(locale)
                    : a instanceof Number n ? String.valueOf(n) : a; // ids are not "1,234"
        }
        return new MessageFormat(pattern, locale).format(shown);
    }

    /** Fails unless {@code key} has an English text: a key the code names but the file lacks is a bug. */
    static void require(String key) {
        if (!bundle(Locale.ENGLISH).containsKey(key)) {
            throw new IllegalArgumentException("No problem text " + key + " in i18n/problems.properties");
        }
    }

    private static String text(ResourceBundle bundle, String key, String fallback) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n/problems", CHINESE.getLanguage().equals(locale.getLanguage())
                ? CHINESE : Locale.ROOT, NO_FALLBACK);
    }

    private ProblemText() {
    }
}
