package dev.moddesk.app.rooms;

import dev.moddesk.app.api.AppealsApi;
import dev.moddesk.contract.rooms.Appeal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The REST side of the appeal queue (the session's {@code AppealsApi}; a fake in tests). */
public interface AppealsBackend {

    CompletableFuture<List<Appeal>> open();

    CompletableFuture<Appeal> decide(long id, boolean lift, String idempotencyKey, String note);

    static AppealsBackend of(AppealsApi api) {
        return new AppealsBackend() {
            @Override
            public CompletableFuture<List<Appeal>> open() {
                return api.open();
            }

            @Override
            public CompletableFuture<Appeal> decide(long id, boolean lift, String key, String note) {
                return api.decide(id, lift, key, note);
            }
        };
    }
}
