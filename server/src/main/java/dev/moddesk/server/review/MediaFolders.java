package dev.moddesk.server.review;

import dev.moddesk.server.core.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the media store the configuration names: {@code --media-dir}, else {@code <data dir>/media}. */
final class MediaFolders {

    private static final Logger LOG = LoggerFactory.getLogger(MediaFolders.class);

    private MediaFolders() {
    }

    static MediaStore open(ServerConfig config) {
        try {
            Path folder = config.media().folder();
            if (folder == null && config.dataDir() != null) {
                folder = config.dataDir().resolve("media");
            }
            if (folder == null) {
                // No data dir (an in-memory test server): a private folder that lives as long as the machine's temp
                folder = Files.createTempDirectory("moddesk-media-");
            }
            LOG.info("Media store: {}", folder);
            return new FolderMediaStore(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the media folder", e);
        }
    }
}
