package dev.moddesk.contract.creators;

/** One value that differs between two states, both as text ("5", "true", null when absent). */
public record ValueDiff(String field, String from, String to) {
}
