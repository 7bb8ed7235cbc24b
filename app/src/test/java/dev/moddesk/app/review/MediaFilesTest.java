package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.app.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MediaFilesTest {
    private final List<String> downloads = new ArrayList<>();
    private boolean failNext;

    private CompletableFuture<byte[]> download(String url) {
        downloads.add(url);
        if (failNext) {
            failNext = false;
            return CompletableFuture.failedFuture(ApiException.of(ApiException.Kind.UNREACHABLE, "down", null));
        }
        return CompletableFuture.completedFuture(("clip of " + url).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClipIsDownloadedOnceWhateverItsSignature() throws Exception {
        MediaFiles media = new MediaFiles(this::download);
        Path first = media.file("http://h/api/v1/media/pets.mp4?exp=1&sig=a").join();
        Path again = media.file("http://h/api/v1/media/pets.mp4?exp=2&sig=b").join();

        assertThat(again).isEqualTo(first);
        assertThat(downloads).hasSize(1);
        assertThat(Files.readString(first)).isEqualTo("clip of http://h/api/v1/media/pets.mp4?exp=1&sig=a");
    }

    @Test
    void aFailedDownloadIsTriedAgainNextTime() {
        MediaFiles media = new MediaFiles(this::download);
        failNext = true;
        assertThatThrownBy(() -> media.file("http://h/api/v1/media/a.mp4").join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ApiException.class);

        assertThat(media.file("http://h/api/v1/media/a.mp4").join()).exists();
        assertThat(downloads).hasSize(2);
    }

    @Test
    void onlyTheNewestClipsStayOnDisk() {
        MediaFiles media = new MediaFiles(this::download);
        Path oldest = media.file("http://h/api/v1/media/0.mp4").join();
        for (int i = 1; i <= MediaFiles.KEEP; i++) {
            media.file("http://h/api/v1/media/" + i + ".mp4").join();
        }
        assertThat(oldest).doesNotExist();
        assertThat(media.file("http://h/api/v1/media/" + MediaFiles.KEEP + ".mp4").join()).exists();
    }
}
