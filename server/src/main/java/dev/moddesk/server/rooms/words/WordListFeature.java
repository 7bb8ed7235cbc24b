package dev.moddesk.server.rooms.words;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.WordList;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.BackgroundJobs;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import java.time.Duration;

/**
 * The word list's routes (OPS and ADMIN; moderators 403): {@code GET/POST /api/v1/word-list},
 * {@code PUT/DELETE /api/v1/word-list/{id}} with If-Match, over the server's {@link ManagedWordList}; and the
 * two-second poll that brings a change made on another node into this node's screen.
 */
public final class WordListFeature implements Feature {
    static final String BASE = "/api/v1/word-list";

    private final ManagedWordList words;
    private BackgroundJobs poll;

    public WordListFeature(Services services) {
        this.words = RoomWords.of(services);
    }

    public ManagedWordList words() {
        return words;
    }

    @Override
    public void register(Api api) {
        Access staff = Access.role(Role.OPS);
        api.get(BASE).summary("The word list (the platform's AutoMod list) and its version").tag("rooms")
                .access(staff).response(200, WordList.class).errors(403)
                .handle(call -> words.list());

        api.post(BASE).summary("Add a term (FLAG or HOLD, a category, an optional expiry); publishes words.list")
                .tag("rooms").access(staff).body(WordTermRequest.class)
                .response(201, WordTerm.class).errors(403, 422)
                .handle(call -> {
                    WordTerm added = words.add(call.principal(), call.body());
                    call.etag(added.version());
                    return added;
                });

        api.put(BASE + "/{id}").pathParam("id", Long.class)
                .summary("Change a term; publishes words.list").tag("rooms").access(staff)
                .body(WordTermRequest.class).header("If-Match", "required; the term's version (ETag)")
                .response(200, WordTerm.class).errors(403, 404, 412, 422, 428)
                .handle(call -> {
                    WordTerm changed = words.update(call.principal(), call.pathId("id"), call.requireIfMatch(),
                            call.body());
                    call.etag(changed.version());
                    return changed;
                });

        api.delete(BASE + "/{id}").pathParam("id", Long.class)
                .summary("Remove a term; publishes words.list").tag("rooms").access(staff)
                .header("If-Match", "required; the term's version (ETag)")
                .response(204).errors(403, 404, 412, 428)
                .handle(call -> {
                    words.remove(call.principal(), call.pathId("id"), call.requireIfMatch());
                    return null;
                });
    }

    @Override
    public void start() {
        poll = BackgroundJobs.on("moddesk-word-list-poll")
                .every(Duration.ofSeconds(2), Duration.ofSeconds(2), "Reloading the word list", words::refresh);
    }

    @Override
    public void stop() {
        if (poll != null) {
            poll.close();
        }
    }
}
