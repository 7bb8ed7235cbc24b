package dev.moddesk.server.rooms.bus;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.PurgeOptions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Erasure on the JetStream room bus. Stream messages cannot be changed, and a chunk holds several people's events, so
 * a room whose chunks name the erased user is <b>rewritten</b>: every chunk of its subject is published again at the
 * subject's end with the user scrubbed ({@link EventScrub}) and the same {@code Room-First}/{@code Room-Last} headers
 * plus {@code Room-Rewrite} (listeners ignore it: nothing new happened), each publish expecting the previous one as
 * the subject's last message; then the old chunks that held the user are deleted with erase (overwritten on disk) and
 * the rest purged. Room sequence numbers stay as they were, so appends
 * (which read the subject's last chunk) and replays go on. Another node appending meanwhile makes a publish fail; the
 * partial copies are deleted and the room is rewritten again.
 */
final class RoomStreamRewrite {
    static final String REWRITE = "Room-Rewrite";
    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int NO_MESSAGE_FOUND = 10037;
    private static final int ATTEMPTS = 5;
    /** How long a read of the retained messages waits for the next one before taking it that there is none. */
    private static final Duration QUIET = Duration.ofSeconds(5);

    private final JetStream js;
    private final JetStreamManagement jsm;
    private final RoomSubjects subjects;
    private final EventChunks chunks;

    RoomStreamRewrite(JetStream js, JetStreamManagement jsm, RoomSubjects subjects, EventChunks chunks) {
        this.js = js;
        this.jsm = jsm;
        this.subjects = subjects;
        this.chunks = chunks;
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(Message message) throws IOException, JetStreamApiException;
    }

    /** The rooms (subjects) whose retained chunks name the user: one pass over the stream. */
    Set<String> subjectsAbout(EventScrub scrub) throws IOException, JetStreamApiException, InterruptedException {
        long last = jsm.getStreamInfo(subjects.stream()).getStreamState().getLastSequence();
        Set<String> found = new LinkedHashSet<>();
        each(subjects.all(), last, m -> {
            if (!found.contains(m.getSubject()) && chunks.decode(m.getData()).stream().anyMatch(scrub::about)) {
                found.add(m.getSubject());
            }
        });
        return found;
    }

    /** The user's own chat lines in the retained chunks, at most {@code max}: one pass over the stream. */
    List<RoomEvent> linesBy(String userId, int max) throws IOException, JetStreamApiException, InterruptedException {
        long last = jsm.getStreamInfo(subjects.stream()).getStreamState().getLastSequence();
        List<RoomEvent> found = new ArrayList<>();
        each(subjects.all(), last, m -> {
            for (RoomEvent e : chunks.decode(m.getData())) {
                if (found.size() < max && e.payload() instanceof RoomMessage line && userId.equals(line.userId())) {
                    found.add(e);
                }
            }
        });
        return found;
    }

    /** Rewrites one room's subject without the user; returns how many events changed. */
    int rewrite(String subject, EventScrub scrub) throws IOException, JetStreamApiException, InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            MessageInfo last = last(subject);
            if (last == null) {
                return 0;
            }
            List<Long> published = new ArrayList<>();
            List<Long> holding = new ArrayList<>();
            int[] changed = {0};
            long[] expected = {last.getSeq()};
            try {
                each(subject, last.getSeq(), m -> {
                    List<RoomEvent> events = chunks.decode(m.getData());
                    List<RoomEvent> scrubbed = new ArrayList<>(events.size());
                    for (RoomEvent e : events) {
                        RoomEvent s = scrub.scrub(e);
                        changed[0] += s == e ? 0 : 1;
                        scrubbed.add(s);
                    }
                    if (!scrubbed.equals(events)) {
                        holding.add(m.metaData().streamSequence());
                    }
                    Headers headers = new Headers().put(JetStreamRoomBus.FIRST, m.getHeaders()
                            .getFirst(JetStreamRoomBus.FIRST)).put(JetStreamRoomBus.LAST, m.getHeaders()
                            .getFirst(JetStreamRoomBus.LAST)).put(REWRITE, "1");
                    NatsMessage copy = NatsMessage.builder().subject(subject).headers(headers)
                            .data(chunks.encode(scrubbed)).build();
                    long seq = js.publish(copy, PublishOptions.builder().expectedLastSubjectSequence(expected[0])
                            .build()).getSeqno();
                    published.add(seq);
                    expected[0] = seq;
                });
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                    throw e;
                }
                for (long seq : published) {
                    jsm.deleteMessage(subjects.stream(), seq);
                }
                continue; // another node appended: rewrite again, their chunk included
            }
            for (long seq : holding) {
                jsm.deleteMessage(subjects.stream(), seq, true); // overwritten on disk, not only unlinked
            }
            if (!published.isEmpty()) {
                jsm.purgeStream(subjects.stream(), PurgeOptions.builder().subject(subject)
                        .sequence(published.getFirst()).build());
            }
            return changed[0];
        }
        throw new RoomBusException("gave up rewriting a room after " + ATTEMPTS + " lost races");
    }

    private MessageInfo last(String subject) throws IOException, JetStreamApiException {
        try {
            return jsm.getLastMessage(subjects.stream(), subject);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** Visits the retained messages of {@code filter} up to stream sequence {@code upTo}, oldest first. */
    private void each(String filter, long upTo, Visitor visitor)
            throws IOException, JetStreamApiException, InterruptedException {
        if (upTo <= 0) {
            return;
        }
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(subjects.stream()).ordered(true)
                .configuration(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.All).build()).build();
        JetStreamSubscription sub = js.subscribe(filter, options);
        try {
            while (true) {
                Message m = sub.nextMessage(QUIET);
                if (m == null) {
                    return; // the rest aged out or was deleted meanwhile
                }
                long seq = m.metaData().streamSequence();
                if (seq > upTo) {
                    return;
                }
                visitor.visit(m);
                if (seq == upTo) {
                    return;
                }
            }
        } finally {
            sub.unsubscribe();
        }
    }
}
