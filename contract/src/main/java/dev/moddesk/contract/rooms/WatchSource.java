package dev.moddesk.contract.rooms;

/**
 * What a watch-together room is showing. {@code url} is the platform's, untrusted: show it as text, never open it by
 * itself. {@code sharedById}/{@code sharedByName}: who put it on.
 */
public record WatchSource(String title, String url, String sharedById, String sharedByName) {
}
