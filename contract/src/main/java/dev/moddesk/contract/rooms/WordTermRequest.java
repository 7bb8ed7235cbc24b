package dev.moddesk.contract.rooms;

import java.time.Instant;

/**
 * A term to add or the new state of one (PUT with If-Match), and one entry of the {@code words.list} feed action.
 * Category and action are plain strings so that an unknown one is a keyed 422 naming the field, not a parse error.
 */
public record WordTermRequest(String term, String category, String action, Instant expiresAt) {
}
