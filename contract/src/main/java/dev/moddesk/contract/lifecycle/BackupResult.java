package dev.moddesk.contract.lifecycle;

import java.time.Instant;

/** An online backup of the embedded database the server wrote: the zip's name in the backups folder, its size. */
public record BackupResult(String file, long bytes, Instant at) {
}
