package dev.moddesk.server.core;

import java.time.Duration;

/**
 * How long each kind of data is kept before the pruning job removes it (server options {@code --retention-*-days}).
 * The audit log, with the evidence each entry keeps, is kept at least {@link #AUDIT_MINIMUM}: China's Cybersecurity
 * Law (art. 21) asks network operators to keep network logs for at least six months, so a shorter setting is refused
 * and the server does not start.
 *
 * @param auditLog          audit entries and the evidence in them (before/after states)
 * @param heldMessages      held and flagged chat messages kept as evidence (live rooms)
 * @param decidedMedia      video and poster files of an application, counted from its decision
 * @param webhookDeliveries finished webhook deliveries (delivered, failed, cancelled)
 * @param ingestEvents      ids of applied platform events (a replay older than this is applied again)
 */
public record RetentionSettings(Duration auditLog, Duration heldMessages, Duration decidedMedia,
                                Duration webhookDeliveries, Duration ingestEvents) {

    public static final Duration AUDIT_MINIMUM = Duration.ofDays(180);

    public RetentionSettings {
        for (Duration d : new Duration[] {auditLog, heldMessages, decidedMedia, webhookDeliveries, ingestEvents}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every retention must be a positive duration");
            }
        }
        if (auditLog.compareTo(AUDIT_MINIMUM) < 0) {
            throw new IllegalArgumentException(auditFloorMessage(auditLog.toDays()));
        }
    }

    /** Why an audit retention of {@code days} is refused. */
    public static String auditFloorMessage(long days) {
        return "the audit log must be kept at least " + AUDIT_MINIMUM.toDays() + " days (six months, China's"
                + " Cybersecurity Law art. 21 on network logs); " + days + " days was asked";
    }

    /** Audit log 180 days, held messages 90, media 30 days after the decision, deliveries and event ids 30. */
    public static RetentionSettings defaults() {
        return new RetentionSettings(AUDIT_MINIMUM, Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofDays(30));
    }

    public RetentionSettings withAuditLog(Duration d) {
        return new RetentionSettings(d, heldMessages, decidedMedia, webhookDeliveries, ingestEvents);
    }

    public RetentionSettings withHeldMessages(Duration d) {
        return new RetentionSettings(auditLog, d, decidedMedia, webhookDeliveries, ingestEvents);
    }

    public RetentionSettings withDecidedMedia(Duration d) {
        return new RetentionSettings(auditLog, heldMessages, d, webhookDeliveries, ingestEvents);
    }

    public RetentionSettings withWebhookDeliveries(Duration d) {
        return new RetentionSettings(auditLog, heldMessages, decidedMedia, d, ingestEvents);
    }

    public RetentionSettings withIngestEvents(Duration d) {
        return new RetentionSettings(auditLog, heldMessages, decidedMedia, webhookDeliveries, d);
    }
}
