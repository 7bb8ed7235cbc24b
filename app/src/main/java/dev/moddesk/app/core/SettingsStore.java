package dev.moddesk.app.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.moddesk.app.api.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@code settings.json} in the per-user config folder; a broken file falls back to defaults. */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper mapper = Json.mapper().enable(SerializationFeature.INDENT_OUTPUT);
    private Settings current;

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.json");
        this.current = read();
    }

    public Path file() {
        return file;
    }

    public synchronized Settings get() {
        return current;
    }

    public synchronized Settings update(UnaryOperator<Settings> change) {
        current = change.apply(current);
        write(current);
        return current;
    }

    private Settings read() {
        if (!Files.isRegularFile(file)) {
            return Settings.defaults();
        }
        try {
            return mapper.readValue(file.toFile(), Settings.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable settings file {}: {}", file, e.toString());
            return Settings.defaults();
        }
    }

    private void write(Settings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("settings.json.tmp");
            mapper.writeValue(tmp.toFile(), settings);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Could not save settings to {}: {}", file, e.toString());
        }
    }
}
