package dev.moddesk.server.platform;

import dev.moddesk.contract.platform.IngestOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies high-rate events (live rooms' chat lines) a run at a time, outside the per-event transaction of
 * {@link IngestHandler}: their ids are not recorded in {@code ingest_events}, so the handler itself answers duplicates
 * (from what it remembers) and decides what, if anything, goes to the database. {@link PlatformIngest} hands it each
 * run of consecutive events of its types from one request, already checked for the common fields.
 */
public interface BatchIngestHandler {

    /** The event types this handler applies. */
    Set<String> types();

    /**
     * Applies {@code events} in order; one outcome per event, in the same order. A rejection's problem is written in
     * {@code locale}, the language the platform asked for (see {@link IngestPayload} for keyed refusals).
     */
    List<IngestOutcome> applyAll(List<IngestHandler.Event> events, Locale locale);
}
