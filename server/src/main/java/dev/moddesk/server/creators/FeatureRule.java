package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.FeatureFlag;
import java.util.Map;

/**
 * The dependencies between features the server enforces. A write that would newly break one is refused (422 naming
 * the rule); a state that breaks one without such a write (a tier's defaults changed, verification lost, an
 * override lapsed) holds the dependent feature off, its source naming the rule.
 */
enum FeatureRule {
    GROUP_RED_PACKET_NEEDS_GROUP_CHAT(FeatureFlag.GROUP_RED_PACKET, FeatureFlag.GROUP_CHAT,
            "creators.rule.redPacketNeedsGroupChat"),
    CONNECT_NEEDS_CHAT_ROOM(FeatureFlag.CONNECT, FeatureFlag.CHAT_ROOM, "creators.rule.connectNeedsChatRoom"),
    VIDEO_CALL_NEEDS_VERIFIED(FeatureFlag.VIDEO_CALL, null, "creators.rule.videoCallNeedsVerified");

    private final FeatureFlag feature;
    private final FeatureFlag needs;
    private final String textKey;

    FeatureRule(FeatureFlag feature, FeatureFlag needs, String textKey) {
        this.feature = feature;
        this.needs = needs;
        this.textKey = textKey;
    }

    FeatureFlag feature() {
        return feature;
    }

    /** The feature this rule needs on, or null when it needs a verified creator. */
    FeatureFlag needs() {
        return needs;
    }

    /** The problem text naming the rule. */
    String textKey() {
        return textKey;
    }

    /** Whether {@code features} (as set, before any rule) break this rule for a creator who is {@code verified}. */
    boolean brokenBy(Map<FeatureFlag, Boolean> features, boolean verified) {
        if (!Boolean.TRUE.equals(features.get(feature))) {
            return false;
        }
        return needs == null ? !verified : !Boolean.TRUE.equals(features.get(needs));
    }

    /** Whether the rule is about flags alone (a tier's defaults must keep it; the verified rule is per creator). */
    boolean betweenFlags() {
        return needs != null;
    }
}
