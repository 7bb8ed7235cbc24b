package dev.moddesk.app.creators;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.FanGroup;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.contract.creators.ValueDiff;
import dev.moddesk.contract.creators.ValueSource;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the creator views say settings, sources, effects and diffs in the UI language. The server's English
 * {@code summary} is never shown: the sentence is built from the effect's fields.
 */
final class CreatorText {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final I18n i18n;
    private final ZoneId zone;

    CreatorText(I18n i18n, ZoneId zone) {
        this.i18n = i18n;
        this.zone = zone;
    }

    /** A setting's name: a limit's wire name or a flag's name; anything else (a history field) as it came. */
    String setting(String wireName) {
        if (wireName == null) {
            return "";
        }
        Optional<Limit> limit = Limit.named(wireName);
        if (limit.isPresent()) {
            return switch (limit.get()) {
                case FAN_GROUP_QUOTA -> i18n.get("creators.setting.fanGroupQuota");
                case DISPLAY_SLOTS -> i18n.get("creators.setting.displaySlots");
                case MEMBER_CAPACITY -> i18n.get("creators.setting.memberCapacity");
            };
        }
        Optional<FeatureFlag> flag = FeatureFlag.named(wireName);
        if (flag.isPresent()) {
            return flag(flag.get());
        }
        if (wireName.startsWith("override.")) {
            return i18n.get("creators.history.override", setting(wireName.substring("override.".length())));
        }
        return switch (wireName) {
            case "tier" -> i18n.get("creators.field.tier");
            case "verified" -> i18n.get("creators.field.verified");
            case "shownGroups" -> i18n.get("creators.field.shownGroups");
            case "group" -> i18n.get("creators.field.group");
            case "groupsOwned" -> i18n.get("creators.field.groupsOwned");
            default -> wireName;
        };
    }

    String flag(FeatureFlag flag) {
        return switch (flag) {
            case GROUP_CHAT -> i18n.get("creators.flag.groupChat");
            case GROUP_RED_PACKET -> i18n.get("creators.flag.groupRedPacket");
            case CHAT_ROOM -> i18n.get("creators.flag.chatRoom");
            case KTV -> i18n.get("creators.flag.ktv");
            case WATCH_TOGETHER -> i18n.get("creators.flag.watchTogether");
            case VIDEO_CALL -> i18n.get("creators.flag.videoCall");
            case CONNECT -> i18n.get("creators.flag.connect");
            case BUSINESS_CARD -> i18n.get("creators.flag.businessCard");
        };
    }

    /** A history entry's action ("creator.settings.change") said in the UI language; an unknown one as it came. */
    String action(String action) {
        return switch (action == null ? "" : action) {
            case "creator.create" -> i18n.get("creators.action.create");
            case "creator.profile" -> i18n.get("creators.action.profile");
            case "creator.fan_group.open" -> i18n.get("creators.action.groupOpen");
            case "creator.fan_group.close" -> i18n.get("creators.action.groupClose");
            case "creator.groups.reorder" -> i18n.get("creators.action.reorder");
            case "creator.override.lapse" -> i18n.get("creators.action.lapse");
            case "creator.quota_request.receive" -> i18n.get("creators.action.requestReceived");
            case "creator.quota_request.decide" -> i18n.get("creators.action.requestDecided");
            case "creator.settings.bulk" -> i18n.get("creators.action.bulk");
            case "creator.settings.change" -> i18n.get("creators.action.change");
            case "creator.tier.apply" -> i18n.get("creators.action.tierApply");
            case "creator.tier.change" -> i18n.get("creators.action.tierChange");
            default -> oneLine(action);
        };
    }

    String status(dev.moddesk.contract.creators.QuotaRequest.Status status) {
        return switch (status) {
            case PENDING -> i18n.get("creators.requests.status.pending");
            case APPROVED -> i18n.get("creators.requests.status.approved");
            case PARTLY_APPROVED -> i18n.get("creators.requests.status.partlyApproved");
            case DENIED -> i18n.get("creators.requests.status.denied");
        };
    }

    String outcome(dev.moddesk.contract.creators.CreatorOutcome.Status status) {
        return switch (status) {
            case CHANGED -> i18n.get("creators.outcome.changed");
            case UNCHANGED -> i18n.get("creators.outcome.unchanged");
            case REFUSED -> i18n.get("creators.outcome.refused");
        };
    }

    /** Who an outcome is about: the creator's display name on one line, or "#id" for one that does not exist. */
    String creatorName(dev.moddesk.contract.creators.CreatorOutcome outcome) {
        return outcome.displayName() == null ? "#" + outcome.creatorId() : name(outcome.displayName());
    }

    /** A creator's display name on one line; an erased creator's reads "erased user". */
    String name(String displayName) {
        return oneLine(dev.moddesk.app.core.ErasedUsers.name(i18n, displayName));
    }

    /** A value as text: "true"/"false" read as on/off, an absent one as a dash. */
    String value(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "—";
        }
        return switch (raw) {
            case "true" -> i18n.get("creators.value.on");
            case "false" -> i18n.get("creators.value.off");
            default -> raw;
        };
    }

    /** "Fan-group quota 5 → 50". */
    String diff(ValueDiff d) {
        return i18n.get("creators.diff", setting(d.field()), value(d.from()), value(d.to()));
    }

    String diffs(List<ValueDiff> diffs) {
        return String.join("\n", diffs.stream().map(this::diff).toList());
    }

    /** Where a value comes from, in one line. */
    String source(ValueSource source) {
        if (source == null || source.kind() == ValueSource.Kind.TIER) {
            return i18n.get("creators.source.tier");
        }
        if (source.kind() == ValueSource.Kind.RULE) {
            return i18n.get("creators.source.rule", rule(source.rule()));
        }
        String who = source.by() == null ? "" : source.by();
        String why = source.reason() == null ? "" : source.reason();
        return source.expiresAt() == null ? i18n.get("creators.source.override", who, why)
                : i18n.get("creators.source.overrideUntil", who, why, dateTime(source.expiresAt()));
    }

    /** A rule the server names, said in the UI language (an unknown one keeps its name). */
    String rule(String rule) {
        if (rule == null) {
            return "";
        }
        return switch (rule) {
            case "GROUP_RED_PACKET_NEEDS_GROUP_CHAT" -> i18n.get("creators.rule.redPacketNeedsGroupChat");
            case "CONNECT_NEEDS_CHAT_ROOM" -> i18n.get("creators.rule.connectNeedsChatRoom");
            case "VIDEO_CALL_NEEDS_VERIFIED" -> i18n.get("creators.rule.videoCallNeedsVerified");
            default -> oneLine(rule);
        };
    }

    /** One requested change, as the conflict view lists "yours". */
    String change(SettingChange c) {
        if (c.clear()) {
            return i18n.get("creators.change.clear", setting(c.setting()));
        }
        String to = c.number() != null ? Integer.toString(c.number()) : value(String.valueOf(c.enabled()));
        return c.expiresAt() == null ? i18n.get("creators.change.set", setting(c.setting()), to)
                : i18n.get("creators.change.setUntil", setting(c.setting()), to, dateTime(c.expiresAt()));
    }

    /**
     * What a change does, e.g. "Fan-group quota 5 → 3; 3 groups over quota: no new groups until under; groups 4–5
     * hidden from profile". Group positions are read from {@code groups} (the display order the change keeps); with no
     * groups at hand (a bulk outcome) the groups are counted instead.
     */
    String effect(ChangeEffect effect, List<FanGroup> groups) {
        List<String> parts = new ArrayList<>();
        effect.diffs().forEach(d -> parts.add(diff(d)));
        if (effect.overQuotaBy() > 0) {
            parts.add(i18n.get("creators.effect.overQuota", effect.overQuotaBy()));
        } else if (effect.after() != null && effect.before() != null
                && effect.after().fanGroupQuota() != effect.before().fanGroupQuota()) {
            parts.add(i18n.get("creators.effect.canOpen", effect.after().fanGroupQuota() - effect.groupsOwned()));
        }
        if (!effect.hiddenGroups().isEmpty()) {
            parts.add(groups.isEmpty() ? i18n.get("creators.effect.hiddenCount", effect.hiddenGroups().size())
                    : i18n.get("creators.effect.hidden", positions(effect.hiddenGroups(), groups)));
        }
        if (!effect.newlyShownGroups().isEmpty()) {
            parts.add(groups.isEmpty() ? i18n.get("creators.effect.shownCount", effect.newlyShownGroups().size())
                    : i18n.get("creators.effect.shown", positions(effect.newlyShownGroups(), groups)));
        }
        return parts.isEmpty() ? i18n.get("creators.effect.none") : String.join(i18n.get("creators.effect.separator"), parts);
    }

    /** "6–8" for a run of display positions, "2, 5" otherwise. */
    static String positions(List<Long> groupIds, List<FanGroup> groups) {
        List<Integer> positions = new ArrayList<>();
        for (Long id : groupIds) {
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).id() == id) {
                    positions.add(i + 1);
                }
            }
        }
        positions.sort(Integer::compare);
        if (positions.isEmpty()) {
            return Integer.toString(groupIds.size());
        }
        boolean run = positions.getLast() - positions.getFirst() == positions.size() - 1;
        if (positions.size() > 2 && run) {
            return positions.getFirst() + "–" + positions.getLast();
        }
        return String.join(", ", positions.stream().map(String::valueOf).toList());
    }

    String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.withZone(zone).format(at);
    }

    String date(Instant at) {
        return at == null ? "" : DATE.withZone(zone).format(at);
    }

    /** A whole number with the locale's grouping (followers). */
    String count(long n) {
        return String.format(Locale.forLanguageTag(I18n.tag(i18n.getLocale())), "%,d", n);
    }

    /**
     * Outside text (names, reasons, justifications) as one safe line: control characters and bidi overrides become a
     * space or U+FFFD, so a name cannot break the layout or reverse the words around it; cut at 300 characters.
     */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && out.length() < 300; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(' ');
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                    || c == '\u200F') {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    I18n i18n() {
        return i18n;
    }
}
