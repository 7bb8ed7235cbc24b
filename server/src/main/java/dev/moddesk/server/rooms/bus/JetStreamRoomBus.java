package dev.moddesk.server.rooms.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.rooms.RoomEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room bus across nodes ({@code --nats-url}): one JetStream stream holds every room's events, one subject per room
 * (see {@link RoomSubjects}), a run of events per message ({@link EventChunks}, headers {@code Room-First} and
 * {@code Room-Last}). The stream is the retained window, so a node restart loses nothing.
 *
 * <p>Contiguous numbering across nodes: a run is published with JetStream's expected-last-subject-sequence set to the
 * stream sequence of the room's last message as this node knows it. The server stores it only if that is still the
 * room's last message, so two nodes can never both number after the same event; the loser is refused (10071), reads
 * the room's real last message and numbers again. Each publish carries a {@code Nats-Msg-Id} unique to the append,
 * so a retry after a lost acknowledgement is answered "duplicate" instead of storing the run twice.
 */
public final class JetStreamRoomBus implements RoomBus {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamRoomBus.class);
    static final String FIRST = "Room-First";
    static final String LAST = "Room-Last";
    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int NO_MESSAGE_FOUND = 10037;
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int ATTEMPTS = 50;

    /**
     * Where and how: {@code prefix} names the stream and subjects (tests use a unique one); {@code eventsPerRoom} is
     * the window per room in messages, each at least one event (see docs/architecture.md for the default);
     * {@code maxAge} how long chat lines and other room events stay on the stream at most (zero: no limit; the server
     * passes the held-messages retention, 90 days by default).
     */
    public record Settings(String url, String prefix, long messagesPerRoom, StorageType storage, Duration maxAge) {
        public static final long DEFAULT_MESSAGES_PER_ROOM = 1_200_000;

        public Settings {
            Objects.requireNonNull(url, "url");
            if (messagesPerRoom < MIN_RETAINED_EVENTS) {
                throw new IllegalArgumentException("a room keeps at least " + MIN_RETAINED_EVENTS + " messages");
            }
            maxAge = maxAge == null || maxAge.isNegative() ? Duration.ZERO : maxAge;
            if (!maxAge.isZero() && maxAge.compareTo(MIN_RETAINED_AGE) < 0) {
                maxAge = MIN_RETAINED_AGE; // the window keeps at least this much, whatever the retention says
            }
        }

        /** Without an age limit. */
        public Settings(String url, String prefix, long messagesPerRoom, StorageType storage) {
            this(url, prefix, messagesPerRoom, storage, Duration.ZERO);
        }

        public static Settings of(String url) {
            return new Settings(url, "moddesk", DEFAULT_MESSAGES_PER_ROOM, StorageType.File);
        }
    }

    /** What this node knows of one room's tail; its monitor serializes this node's appends to the room. */
    private static final class Tail {
        boolean known;
        long streamSeq;
        long roomSeq;
        long reservedUpTo;
    }

    private final Connection connection;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final RoomSubjects subjects;
    private final EventChunks chunks;
    private final Map<String, Tail> tails = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher;
    private final SeqReservations reservations;
    private final ObjectMapper mapper;
    private final RoomStreamRewrite rewrite;

    private JetStreamRoomBus(Connection connection, RoomSubjects subjects, ObjectMapper mapper,
                             SeqReservations reservations) throws IOException {
        this.connection = connection;
        this.subjects = subjects;
        this.mapper = mapper;
        this.chunks = new EventChunks(mapper);
        this.js = connection.jetStream();
        this.jsm = connection.jetStreamManagement();
        this.dispatcher = connection.createDispatcher();
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.rewrite = new RoomStreamRewrite(js, jsm, subjects, chunks);
    }

    /** Connects without stored sequence marks (tests of the bus alone). */
    public static JetStreamRoomBus connect(Settings settings, ObjectMapper mapper) {
        return connect(settings, mapper, SeqReservations.NONE);
    }

    /**
     * Connects, makes sure the stream exists (with the settings' age limit), and starts hearing new events. A room
     * whose events all aged out of the stream numbers on from its mark in {@code reservations} (kept in the database
     * by the server), not from 1.
     */
    public static JetStreamRoomBus connect(Settings settings, ObjectMapper mapper, SeqReservations reservations) {
        RoomSubjects subjects = new RoomSubjects(settings.prefix());
        Connection connection;
        try {
            connection = Nats.connect(new Options.Builder().server(settings.url())
                    .connectionName("moddesk-rooms").maxReconnects(-1).build());
        } catch (IOException e) {
            throw new RoomBusException("NATS at " + settings.url() + " is not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoomBusException("interrupted while connecting to NATS", e);
        }
        try {
            JetStreamRoomBus bus = new JetStreamRoomBus(connection, subjects, mapper, reservations);
            bus.ensureStream(settings);
            bus.listen();
            return bus;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof RoomBusException rbe ? rbe : new RoomBusException("JetStream is not usable", e);
        }
    }

    private void ensureStream(Settings settings) throws IOException, JetStreamApiException {
        try {
            StreamConfiguration existing = jsm.getStreamInfo(subjects.stream()).getConfiguration();
            if (!settings.maxAge().equals(existing.getMaxAge())) {
                jsm.updateStream(StreamConfiguration.builder(existing).maxAge(settings.maxAge()).build());
            }
            return;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
        try {
            jsm.addStream(StreamConfiguration.builder()
                    .name(subjects.stream())
                    .subjects(subjects.all())
                    .storageType(settings.storage())
                    .maxMessagesPerSubject(settings.messagesPerRoom())
                    .maxAge(settings.maxAge())
                    .duplicateWindow(Duration.ofMinutes(2))
                    .build());
        } catch (JetStreamApiException e) {
            // Another node made it meanwhile: fine if it is there now.
            jsm.getStreamInfo(subjects.stream());
        }
    }

    private void listen() throws IOException, JetStreamApiException {
        PushSubscribeOptions options = PushSubscribeOptions.builder()
                .stream(subjects.stream())
                .ordered(true)
                .configuration(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New).build())
                .build();
        JetStreamSubscription ignored = js.subscribe(subjects.all(), dispatcher, this::heard, false, options);
    }

    private void heard(Message message) {
        String roomId = subjects.roomOf(message.getSubject());
        if (roomId == null || (message.getHeaders() != null
                && message.getHeaders().getFirst(RoomStreamRewrite.REWRITE) != null)) {
            return; // a rewrite after an erasure: nothing new happened
        }
        List<RoomEvent> events;
        try {
            events = chunks.decode(message.getData());
        } catch (IllegalStateException e) {
            LOG.error("Dropped an undecodable room chunk on {}", message.getSubject(), e);
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.onEvents(roomId, events);
            } catch (RuntimeException e) {
                LOG.error("A room bus listener failed on room events", e);
            }
        }
    }

    @Override
    public List<RoomEvent> append(String roomId, List<Pending> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String subject = subjects.of(roomId);
        Tail tail = tails.computeIfAbsent(roomId, r -> new Tail());
        String appendId = UUID.randomUUID().toString();
        synchronized (tail) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (!tail.known) {
                    readTail(roomId, subject, tail);
                }
                List<RoomEvent> numbered = number(roomId, tail.roomSeq, events);
                long last = numbered.getLast().seq();
                if (last > tail.reservedUpTo) {
                    tail.reservedUpTo = last + SeqReservations.BLOCK;
                    reservations.reserve(roomId, tail.reservedUpTo);
                }
                Headers headers = new Headers().put(FIRST, Long.toString(tail.roomSeq + 1))
                        .put(LAST, Long.toString(last));
                NatsMessage message = NatsMessage.builder().subject(subject).headers(headers)
                        .data(chunks.encode(numbered)).build();
                PublishOptions options = PublishOptions.builder().expectedLastSubjectSequence(tail.streamSeq)
                        .messageId(appendId + ":" + (tail.roomSeq + 1)).build();
                try {
                    PublishAck ack = publish(message, options);
                    tail.streamSeq = ack.getSeqno();
                    tail.roomSeq = last;
                    return numbered;
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                        tail.known = false;
                        throw new RoomBusException("JetStream refused room events: " + e.getMessage(), e);
                    }
                    tail.known = false; // another node appended: read the real tail and number again
                }
            }
            throw new RoomBusException("gave up appending to a room after " + ATTEMPTS + " lost races");
        }
    }

    /** Publishes, sending the very same message again (same id) after a lost acknowledgement. */
    private PublishAck publish(NatsMessage message, PublishOptions options) throws JetStreamApiException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return js.publish(message, options);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new RoomBusException("NATS did not acknowledge room events", last);
    }

    private static List<RoomEvent> number(String roomId, long after, List<Pending> events) {
        List<RoomEvent> out = new ArrayList<>(events.size());
        long seq = after;
        for (Pending p : events) {
            out.add(new RoomEvent(roomId, ++seq, p.at(), p.payload()));
        }
        return List.copyOf(out);
    }

    /** The room's last chunk; a room with none left (aged out, or new) numbers on from its stored mark. */
    private void readTail(String roomId, String subject, Tail tail) {
        MessageInfo last = lastMessage(subject);
        tail.reservedUpTo = reservations.reserved(roomId);
        tail.streamSeq = last == null ? 0 : last.getSeq();
        tail.roomSeq = last == null ? tail.reservedUpTo : header(last, LAST);
        tail.known = true;
    }

    @Override
    public long lastSeq(String roomId) {
        MessageInfo last = lastMessage(subjects.of(roomId));
        return last == null ? reservations.reserved(roomId) : header(last, LAST);
    }

    @Override
    public Replay replay(String roomId, long afterSeq, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        String subject = subjects.of(roomId);
        MessageInfo last = lastMessage(subject);
        if (last == null) {
            return new Replay(List.of(), 0, reservations.reserved(roomId));
        }
        long lastRoomSeq = header(last, LAST);
        MessageInfo first = nextMessage(subject, 1);
        long firstRetained = first == null ? lastRoomSeq : header(first, FIRST);
        if (afterSeq >= lastRoomSeq || first == null) {
            return new Replay(List.of(), firstRetained, lastRoomSeq);
        }
        MessageInfo chunk = afterSeq < firstRetained ? first : chunkAfter(subject, afterSeq, first.getSeq(),
                last.getSeq());
        List<RoomEvent> out = new ArrayList<>(Math.min(max, 4096));
        long expected = Math.max(afterSeq + 1, firstRetained);
        while (chunk != null && out.size() < max) {
            for (RoomEvent e : chunks.decode(chunk.getData())) {
                if (e.seq() == expected && out.size() < max) {
                    out.add(e);
                    expected++;
                }
            }
            if (chunk.getSeq() >= last.getSeq() || header(chunk, LAST) != expected - 1) {
                break;
            }
            chunk = nextMessage(subject, chunk.getSeq() + 1);
        }
        return new Replay(out, firstRetained, lastRoomSeq);
    }

    /** The room's first message holding an event after {@code afterSeq}: a binary search over stream sequences. */
    private MessageInfo chunkAfter(String subject, long afterSeq, long lo, long hi) {
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            MessageInfo m = nextMessage(subject, mid);
            if (m != null && header(m, LAST) > afterSeq) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return nextMessage(subject, lo);
    }

    private MessageInfo lastMessage(String subject) {
        try {
            return jsm.getLastMessage(subjects.stream(), subject);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw new RoomBusException("JetStream refused a read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RoomBusException("NATS did not answer a read", e);
        }
    }

    /** The room's first message at or after stream sequence {@code seq}, or null. */
    private MessageInfo nextMessage(String subject, long seq) {
        try {
            return jsm.getNextMessage(subjects.stream(), seq, subject);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw new RoomBusException("JetStream refused a read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RoomBusException("NATS did not answer a read", e);
        }
    }

    private static long header(MessageInfo info, String name) {
        Headers headers = info.getHeaders();
        String value = headers == null ? null : headers.getFirst(name);
        if (value == null) {
            throw new RoomBusException("a room chunk without " + name + " at stream sequence " + info.getSeq());
        }
        return Long.parseLong(value);
    }

    @Override
    public List<RoomEvent> linesBy(String userId, int max) {
        try {
            return rewrite.linesBy(userId, max);
        } catch (IOException | JetStreamApiException e) {
            throw new RoomBusException("could not read a user's lines from the room stream: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoomBusException("interrupted while reading a user's lines from the room stream", e);
        }
    }

    /** Rewrites each room whose retained chunks name the user ({@link RoomStreamRewrite}). */
    @Override
    public int scrubUser(String userId, String pseudonym) {
        EventScrub scrub = new EventScrub(mapper, userId, pseudonym);
        int changed = 0;
        try {
            for (String subject : rewrite.subjectsAbout(scrub)) {
                String roomId = subjects.roomOf(subject);
                Tail tail = tails.computeIfAbsent(roomId, r -> new Tail());
                synchronized (tail) {
                    try {
                        changed += rewrite.rewrite(subject, scrub);
                    } finally {
                        tail.known = false;
                    }
                }
            }
        } catch (IOException | JetStreamApiException e) {
            throw new RoomBusException("could not erase a user from the room stream: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoomBusException("interrupted while erasing a user from the room stream", e);
        }
        return changed;
    }

    @Override
    public Subscription subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Deletes this bus's stream (tests, with their own prefix). */
    public void deleteStream() {
        try {
            jsm.deleteStream(subjects.stream());
        } catch (IOException | JetStreamApiException e) {
            LOG.warn("Could not delete stream {}", subjects.stream(), e);
        }
    }

    @Override
    public void close() {
        listeners.clear();
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("NATS connection did not close cleanly", e);
        }
    }
}
