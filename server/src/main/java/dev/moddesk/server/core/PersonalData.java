package dev.moddesk.server.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What one feature holds about a platform user (PIPL arts. 45 and 47): it finds it, exports it and erases it. Every
 * feature with personal data registers one with {@link DataLifecycle#register(PersonalData)} (review, platform and
 * the audit log today; live rooms and creators when they land).
 *
 * <p>An erasure runs in one transaction in two phases: first every part's {@link #find}, whose texts and references
 * are gathered into one {@link ErasureSubject}, then every part's {@link #erase} with that subject, so a part that
 * keeps free text written elsewhere (the audit log, the action feed) can scrub the nickname, answers and messages the
 * other parts found, whatever the order.
 */
public interface PersonalData {

    /** The part's name in reports and exports, e.g. {@code review}. */
    String part();

    /**
     * What this part holds that other parts may have copied: personal texts (nickname, answers, messages) and
     * references ({@code targetType}, {@code targetId}) of records about the user, such as their applications.
     */
    Found find(Handle handle, String userId);

    /**
     * Removes the user's personal data from this part, keeping the facts that must stay (a decision, by whom, when,
     * with which reason code) under {@code subject.pseudonym()}; returns what it removed. Files are removed after
     * the commit ({@code handle.afterCommit}).
     */
    List<Removed> erase(Handle handle, ErasureSubject subject);

    /** Everything this part holds about the user, as JSON-ready values (maps, lists, records). */
    Object export(Handle handle, String userId);

    /**
     * The same, given what every part's {@link #find} returned ({@code found.texts()}: among them the names the user
     * goes by), so that a record naming the user without their id (a circle with only an owner name) is found for
     * an access request exactly as for an erasure. By default the part needs none of it.
     */
    default Object export(Handle handle, String userId, Found found) {
        return export(handle, userId);
    }

    /** What {@link #find} found. */
    record Found(Set<String> texts, Set<Reference> references) {
        public static Found nothing() {
            return new Found(Set.of(), Set.of());
        }
    }

    /** A record about the user elsewhere, as the audit log and the action feed name targets. */
    record Reference(String targetType, String targetId) {
    }

    /**
     * One line of an erasure report: {@code key} names what was removed by its text in {@code i18n/problems.properties}
     * (and zh-CN), e.g. {@code review.erased.answers}, so the report reads in the caller's language; a key without a
     * text is shown as it is.
     */
    record Removed(String key, int count) {
    }

    /** Counts by the key of what was removed, in order. */
    static List<Removed> counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> new Removed(e.getKey(), e.getValue())).toList();
    }
}
