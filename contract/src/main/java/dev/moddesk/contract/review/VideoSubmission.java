package dev.moddesk.contract.review;

/**
 * A short video shot for the circle. {@code url} and {@code posterUrl} are absolute or server-relative URLs that are
 * pre-signed (a media player cannot send an Authorization header); the video supports HTTP Range requests.
 */
public record VideoSubmission(String url, String posterUrl, int durationSeconds, String caption) {
}
