package dev.moddesk.server.sandbox;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import java.time.Instant;
import java.util.List;

/**
 * One strand of the sandbox simulator's platform behaviour (users, circle applicants, live rooms, creators). The
 * simulator sends what an activity returns through the real ingest API over HTTP and hands it every action the feed
 * delivers, exactly as a platform would; an activity never touches the database or server internals.
 */
public interface SimulatedActivity {

    String name();

    /** Events to send once at start (for example the circles), before any {@link #tick}. */
    List<IngestEvent> seed(Instant now);

    /** Events to send now; called several times a second. */
    List<IngestEvent> tick(Instant now);

    /** Carry out an action staff decided; may return follow-up events (an approved applicant joins the circle). */
    List<IngestEvent> onAction(FeedAction action, Instant now);

    /** Called once when the simulator stops: an activity with a thread of its own stops it here. */
    default void stop() {
    }
}
