package dev.moddesk.contract.review;

/** A circle's question, in order (position starts at 1). */
public record CircleQuestion(int position, String text) {
}
