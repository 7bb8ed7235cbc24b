package dev.moddesk.app.rooms;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.stream.DaemonStreamScheduler;
import dev.moddesk.app.api.stream.RoomEventStream;
import dev.moddesk.app.api.stream.StreamCodec;
import dev.moddesk.app.api.stream.StreamConnector;
import dev.moddesk.app.api.stream.StreamItem;
import dev.moddesk.app.api.stream.StreamOptions;
import dev.moddesk.app.api.stream.StreamStatus;
import dev.moddesk.contract.rooms.RoomStream;
import java.util.Collection;
import java.util.random.RandomGenerator;

/** The console's {@link RoomFeed}: the session's room stream WebSocket ({@link RoomEventStream}) on its own thread. */
public final class StreamRoomFeed implements RoomFeed {
    private final DaemonStreamScheduler scheduler = new DaemonStreamScheduler("moddesk-room-stream");
    private final RoomEventStream stream;

    public StreamRoomFeed(ApiClient api, StreamOptions options, StreamStatus.Listener listener) {
        String path = RoomStream.PATH.startsWith("/") ? RoomStream.PATH.substring(1) : RoomStream.PATH;
        this.stream = new RoomEventStream(StreamConnector.of(api, path),
                new StreamCodec(api.mapper(), RoomStream.payloadTypes()), options, scheduler,
                RandomGenerator.getDefault(), listener);
    }

    @Override
    public void start() {
        stream.start();
    }

    @Override
    public int drainTo(Collection<StreamItem> sink, int max) {
        return stream.queue().drainTo(sink, max);
    }

    @Override
    public int queued() {
        return stream.queue().size();
    }

    @Override
    public void follow(String room, long afterSeq) {
        stream.follow(room, afterSeq);
    }

    @Override
    public void followHeld() {
        stream.followHeld();
    }

    @Override
    public void unfollow(String room) {
        stream.unsubscribe(room);
    }

    @Override
    public void resume(String room) {
        stream.resume(room);
    }

    @Override
    public void close() {
        stream.close();
        scheduler.close();
    }
}
