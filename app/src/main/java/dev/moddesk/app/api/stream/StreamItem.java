package dev.moddesk.app.api.stream;

/** What the stream client puts in its queue, in stream order: a frame, or a marker for sequence numbers it lacks. */
public sealed interface StreamItem permits StreamFrame, StreamGap {
}
