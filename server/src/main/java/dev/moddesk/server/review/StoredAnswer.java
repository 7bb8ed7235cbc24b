package dev.moddesk.server.review;

/** An answer as stored: position and text; the question text is read from the circle when shown. */
record StoredAnswer(int position, String text) {
}
