package dev.moddesk.app.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.PropertyResourceBundle;
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

    /**
     * The bundle for a supported language: English is the base file, Chinese the {@code _zh_CN} file over it. Read
     * directly (UTF-8) rather than through {@code ResourceBundle.getBundle}, which in a named module allows no
     * {@code Control} and would fall back to the JVM's default locale (English asked on a Chinese desktop would give
     * Chinese).
     */
    public static ResourceBundle load(Locale l) {
        Bundle base = Bundle.read("/" + BUNDLE.replace('.', '/') + ".properties", null);
        return l.equals(CHINESE) ? Bundle.read("/" + BUNDLE.replace('.', '/') + "_zh_CN.properties", base) : base;
    }

    /** A properties bundle from this module's resources, with an optional parent for missing keys. */
    private static final class Bundle extends PropertyResourceBundle {
        private Bundle(InputStream in, ResourceBundle parent) throws IOException {
            super(new InputStreamReader(in, StandardCharsets.UTF_8));
            setParent(parent);
        }

        static Bundle read(String resource, ResourceBundle parent) {
            try (InputStream in = I18n.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new MissingResourceException("No message bundle " + resource, I18n.class.getName(), "");
                }
                return new Bundle(in, parent);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
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
