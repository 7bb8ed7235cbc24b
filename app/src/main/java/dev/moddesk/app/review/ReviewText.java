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

    /** The queue table's narrow age column: minutes as usual, hours as "1h 38m" / "1时38分". */
    String ageCompact(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes >= 60 && minutes < 60 * 48) {
            return i18n.get("review.age.hoursCompact", minutes / 60, minutes % 60);
        }
        return age(d);
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

    /**
     * A risk signal's facts in the UI language, from its {@code params}; the server's English {@code detail} only
     * when the signal carries no params (an older server) or the code is unknown.
     */
    String riskDetail(dev.moddesk.contract.review.RiskSignal r) {
        java.util.Map<String, String> p = r.params();
        try {
            return switch (r.code()) {
                case "SCREENED_WORDS" -> p.containsKey("terms") ? p.get("terms") : r.detail();
                case "NEW_ACCOUNT" -> p.containsKey("days") ? i18n.get("review.risk.newAccount.detail",
                        Long.parseLong(p.get("days"))) : r.detail();
                case "DUPLICATE_TEXT" -> p.containsKey("applicants") ? i18n.get("review.risk.duplicateText.detail",
                        Integer.parseInt(p.get("applicants"))) : r.detail();
                case "LOCATION_MISMATCH" -> p.containsKey("applicantCity") ? i18n.get(
                        "review.risk.locationMismatch.detail", p.get("applicantCity"), p.get("circleCity")) : r.detail();
                case "RECENT_REJECTION" -> p.containsKey("until") ? i18n.get("review.risk.recentRejection.detail",
                        p.get("reasonCode"), date(Instant.parse(p.get("until")))) : r.detail();
                default -> r.detail();
            };
        } catch (RuntimeException malformed) {
            return r.detail();
        }
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
