package dev.moddesk.app.rooms;

import dev.moddesk.app.api.HeldMessagesApi;
import dev.moddesk.app.api.WordListApi;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.WordList;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The console's {@link WordsBackend}: the session's {@link WordListApi} and {@link HeldMessagesApi}. */
record ApiWordsBackend(WordListApi wordApi, HeldMessagesApi heldApi) implements WordsBackend {
    ApiWordsBackend {
        Objects.requireNonNull(wordApi, "wordApi");
        Objects.requireNonNull(heldApi, "heldApi");
    }

    @Override
    public CompletableFuture<WordList> words() {
        return wordApi.list();
    }

    @Override
    public CompletableFuture<WordTerm> add(WordTermRequest term) {
        return wordApi.add(term);
    }

    @Override
    public CompletableFuture<WordTerm> update(long id, int version, WordTermRequest term) {
        return wordApi.update(id, version, term);
    }

    @Override
    public CompletableFuture<Void> remove(long id, int version) {
        return wordApi.remove(id, version);
    }

    @Override
    public CompletableFuture<List<HeldMessage>> held() {
        return heldApi.held();
    }

    @Override
    public CompletableFuture<HeldMessage> release(long id) {
        return heldApi.release(id);
    }

    @Override
    public CompletableFuture<HeldMessage> deny(long id) {
        return heldApi.deny(id);
    }
}
