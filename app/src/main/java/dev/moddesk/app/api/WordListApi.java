package dev.moddesk.app.api;

import dev.moddesk.contract.EntityTag;
import dev.moddesk.contract.rooms.WordList;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.util.concurrent.CompletableFuture;

/**
 * The word list routes ({@code /api/v1/word-list}, ops and admins) on top of the session's {@link ApiClient}: the
 * list, add, change and remove a term (If-Match with the term's version).
 */
public class WordListApi {
    private static final String BASE = "api/v1/word-list";

    private final ApiClient client;

    public WordListApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<WordList> list() {
        return client.<WordList>exchange(client.request(client.url(BASE).build()).get().build(),
                client.type(WordList.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<WordTerm> add(WordTermRequest term) {
        return client.<WordTerm>exchange(client.request(client.url(BASE).build()).post(client.json(term)).build(),
                client.type(WordTerm.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<WordTerm> update(long id, int version, WordTermRequest term) {
        return client.<WordTerm>exchange(client.request(client.url(BASE).addPathSegment(Long.toString(id)).build())
                        .header("If-Match", EntityTag.format(version)).put(client.json(term)).build(),
                client.type(WordTerm.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<Void> remove(long id, int version) {
        return client.exchange(client.request(client.url(BASE).addPathSegment(Long.toString(id)).build())
                .header("If-Match", EntityTag.format(version)).delete().build(), null).thenApply(r -> null);
    }
}
