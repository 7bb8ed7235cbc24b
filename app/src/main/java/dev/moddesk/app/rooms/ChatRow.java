package dev.moddesk.app.rooms;

/**
 * One row of a monitor's chat list: a message, a marker for sequence numbers the console lacks, or a room notice
 * (join, leave, seat or song change, moderation). Rows are immutable; a row whose state changes is replaced.
 */
public sealed interface ChatRow permits ChatLine, GapRow, NoticeRow {

    /** The room sequence number of the row (a gap: its first missing number). */
    long seq();
}
