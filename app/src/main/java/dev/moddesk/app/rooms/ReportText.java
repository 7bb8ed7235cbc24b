package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.ReportDismissReason;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;

/** Report categories, target kinds and dismissal reasons in the console's language (literal keys, one per value). */
final class ReportText {

    private ReportText() {
    }

    static String reason(I18n i18n, ReportReason r) {
        if (r == null) {
            return i18n.get("rooms.reports.anyReason");
        }
        return switch (r) {
            case SPAM -> i18n.get("rooms.reports.reason.spam");
            case HARASSMENT -> i18n.get("rooms.reports.reason.harassment");
            case SEXUAL -> i18n.get("rooms.reports.reason.sexual");
            case VIOLENCE -> i18n.get("rooms.reports.reason.violence");
            case FRAUD -> i18n.get("rooms.reports.reason.fraud");
            case MINOR_SAFETY -> i18n.get("rooms.reports.reason.minorSafety");
            case ILLEGAL -> i18n.get("rooms.reports.reason.illegal");
            case OTHER -> i18n.get("rooms.reports.reason.other");
        };
    }

    static String target(I18n i18n, ReportTarget t) {
        if (t == null) {
            return i18n.get("rooms.reports.anyTarget");
        }
        return switch (t) {
            case MESSAGE -> i18n.get("rooms.reports.target.message");
            case USER -> i18n.get("rooms.reports.target.user");
            case ROOM -> i18n.get("rooms.reports.target.room");
        };
    }

    static String dismissal(I18n i18n, ReportDismissReason r) {
        return switch (r) {
            case NO_VIOLATION -> i18n.get("rooms.reports.dismiss.noViolation");
            case NOT_ENOUGH_EVIDENCE -> i18n.get("rooms.reports.dismiss.notEnoughEvidence");
            case DUPLICATE -> i18n.get("rooms.reports.dismiss.duplicate");
            case HANDLED_ELSEWHERE -> i18n.get("rooms.reports.dismiss.handledElsewhere");
        };
    }
}
