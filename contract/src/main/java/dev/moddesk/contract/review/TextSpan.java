package dev.moddesk.contract.review;

/** A highlighted range of a text, [start, end) in UTF-16 chars, e.g. a screened word and the list term it matched. */
public record TextSpan(int start, int end, String term) {
}
