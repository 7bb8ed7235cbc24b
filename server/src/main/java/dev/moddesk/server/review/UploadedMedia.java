package dev.moddesk.server.review;

/**
 * What the platform gets back for an upload: the key, the media type found in the content, the length and the hex
 * SHA-256 of the bytes stored (compare it with your own to know the upload arrived whole).
 */
public record UploadedMedia(String key, String contentType, long size, String sha256) {
}
