package dev.moddesk.app.api.stream;

/**
 * A snapshot of what the stream client has seen since it was made, for the status bar and for tests that account for
 * every frame: {@code received} text frames handled (counted once decoded and queued or dropped); {@code queued} items put in the queue (frames and gap markers);
 * {@code duplicates} dropped; {@code gaps} reported; {@code overflowed} items the full queue refused (each later
 * reported inside a gap); {@code malformed} frames that did not decode; {@code reconnects} scheduled; {@code deadLinks}
 * connections given up because nothing arrived within the liveness timeout.
 */
public record StreamCounters(long received, long queued, long duplicates, long gaps, long overflowed, long malformed,
                             long reconnects, long deadLinks) {
}
