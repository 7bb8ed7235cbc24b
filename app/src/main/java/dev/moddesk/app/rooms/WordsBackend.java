package dev.moddesk.app.rooms;

import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.WordList;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The REST side of the word list and the held-for-review queue (the session's APIs; a fake in tests). */
public interface WordsBackend {

    CompletableFuture<WordList> words();

    CompletableFuture<WordTerm> add(WordTermRequest term);

    CompletableFuture<WordTerm> update(long id, int version, WordTermRequest term);

    CompletableFuture<Void> remove(long id, int version);

    /** Messages still held, nearest deadline first. */
    CompletableFuture<List<HeldMessage>> held();

    CompletableFuture<HeldMessage> release(long id);

    CompletableFuture<HeldMessage> deny(long id);
}
