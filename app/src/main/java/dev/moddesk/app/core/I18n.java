package dev.moddesk.app.core;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's one resource bundle in the current language; views are reloaded when it changes. */
public final class I18n {
    private static final Logger LOG = LoggerFactory.getLogger(I18n.class);
    public static final String BUNDLE = "i18n.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);

    private final ReadOnlyObjectWrapper<Locale> locale = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ResourceBundle> bundle = new ReadOnlyObjectWrapper<>();

    public I18n(Locale initial) {
        setLocale(initial);
    }

    public static Optional<Locale> parseLanguage(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        if (t.equals("en") || t.startsWith("en-")) {
            return Optional.of(ENGLISH);
        }
        if (t.equals("zh") || t.equals("zh-cn") || t.equals("zh-hans")) {
            return Optional.of(CHINESE);
        }
        return Optional.empty();
    }

    public static String tag(Locale l) {
        return l.equals(CHINESE) ? "zh-CN" : "en";
    }

    public static ResourceBundle load(Locale l) {
        // No fallback to the JVM default locale: English is the base file, Chinese the _zh_CN one.
        return ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public void setLocale(Locale l) {
        Locale chosen = SUPPORTED.contains(l) ? l : ENGLISH;
        bundle.set(load(chosen));
        locale.set(chosen);
    }

    public Locale getLocale() {
        return locale.get();
    }

    public ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    public ResourceBundle bundle() {
        return bundle.get();
    }

    public String roleName(dev.moddesk.contract.Role role) {
        return switch (role) {
            case MODERATOR -> get("role.moderator");
            case OPS -> get("role.ops");
            case ADMIN -> get("role.admin");
        };
    }

    /** The text for {@code key}, with {@code {0}}-style placeholders filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.get().getString(key);
        } catch (MissingResourceException e) {
            LOG.error("Missing message key {}", key);
            return key;
        }
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale.get()).format(args);
    }
}
