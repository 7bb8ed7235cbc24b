package dev.moddesk.app.review;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Turns review values and notices into the moderator's language. Only the review views use it. */
final class ReviewText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final I18n i18n;
    private final ZoneId zone;

    ReviewText(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.zone = zone;
    }

    String get(String key, Object... args) {
        return i18n.get(key, args);
    }

    String notice(Notice n) {
        if (n == null) {
            return "";
        }
        Object[] args = n.args().stream().map(this::readable).toArray();
        return i18n.get(n.key(), args);
    }

    /** ISO instants in notices become local clock times; numbers are shown without grouping (ids). */
    private Object readable(Object arg) {
        if (arg instanceof Number num) {
            return String.valueOf(num);
        }
        if (arg instanceof String s && s.length() > 10 && s.charAt(4) == '-' && s.contains("T")) {
            try {
                return time(Instant.parse(s));
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return arg;
    }

    String time(Instant at) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }

    String date(Instant at) {
        return at == null ? "—" : DATE.format(at.atZone(zone));
    }

    String age(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return i18n.get("review.age.seconds", Math.max(0, d.toSeconds()));
        }
        if (minutes < 60) {
            return i18n.get("review.age.minutes", minutes);
        }
        if (minutes < 60 * 48) {
            return i18n.get("review.age.hours", minutes / 60, minutes % 60);
        }
        return i18n.get("review.age.days", minutes / (60 * 24));
    }

    String status(ApplicationStatus s) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case PENDING -> i18n.get("review.status.pending");
            case APPROVED -> i18n.get("review.status.approved");
            case REJECTED -> i18n.get("review.status.rejected");
            case NEEDS_INFO -> i18n.get("review.status.needsInfo");
            case WITHDRAWN -> i18n.get("review.status.withdrawn");
            case EXPIRED -> i18n.get("review.status.expired");
        };
    }

    String kind(DecisionKind k) {
        return switch (k) {
            case APPROVE -> i18n.get("review.decision.approved");
            case REJECT -> i18n.get("review.decision.rejected");
            case NEEDS_INFO -> i18n.get("review.decision.needsInfo");
        };
    }

    String mode(JoinMode m) {
        if (m == null) {
            return "";
        }
        return switch (m) {
            case QUESTIONS -> i18n.get("review.mode.questions");
            case VIDEO -> i18n.get("review.mode.video");
            case EITHER -> i18n.get("review.mode.either");
        };
    }

    String risk(String code) {
        return switch (code) {
            case "SCREENED_WORDS" -> i18n.get("review.risk.screenedWords");
            case "NEW_ACCOUNT" -> i18n.get("review.risk.newAccount");
            case "DUPLICATE_TEXT" -> i18n.get("review.risk.duplicateText");
            case "LOCATION_MISMATCH" -> i18n.get("review.risk.locationMismatch");
            case "RECENT_REJECTION" -> i18n.get("review.risk.recentRejection");
            default -> code;
        };
    }

    String reasonTitle(ReasonCode r) {
        String title = r.titles().get(I18n.tag(i18n.getLocale()));
        if (title == null) {
            title = r.titles().getOrDefault("en", r.code());
        }
        return title;
    }
}
