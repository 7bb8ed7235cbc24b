package dev.moddesk.server.review;

import org.jdbi.v3.core.Handle;

/**
 * Copy-paste rings counted as they grow ({@code review_fingerprint_applicant} and {@code review_fingerprint_ring},
 * V89): an application joining a ring costs a few single-row statements whatever the ring's size. The counter row is
 * updated (so locked) by every new applicant of its fingerprint, so concurrent ingests of one answer queue up on it and
 * never count an applicant twice or miss one; exactly one of them sees the ring reach {@link RiskAssessor#RING_SIZE}.
 */
final class RingStore {

    /** A fingerprint's ring after one applicant joined it: its size, and whether this applicant made it a ring. */
    record Joined(int applicants, boolean formed) {
    }

    Joined join(Handle h, String fingerprint, String applicantId) {
        boolean first = h.createUpdate("""
                INSERT INTO review_fingerprint_applicant (fingerprint, applicant_id) VALUES (:f, :u)
                ON CONFLICT DO NOTHING""").bind("f", fingerprint).bind("u", applicantId).execute() == 1;
        if (first) {
            h.createUpdate("INSERT INTO review_fingerprint_ring (fingerprint, applicants) VALUES (:f, 0) ON CONFLICT DO NOTHING")
                    .bind("f", fingerprint).execute();
            h.createUpdate("UPDATE review_fingerprint_ring SET applicants = applicants + 1 WHERE fingerprint = :f")
                    .bind("f", fingerprint).execute();
        }
        // Locked even when only read, so a ring that forms meanwhile waits for this application to be flagged with it.
        int applicants = h.createQuery("SELECT applicants FROM review_fingerprint_ring WHERE fingerprint = :f FOR UPDATE")
                .bind("f", fingerprint).mapTo(Integer.class).findOne().orElse(0);
        return new Joined(applicants, first && applicants == RiskAssessor.RING_SIZE);
    }

    /** The size of the largest ring {@code applicationId} belongs to now (0: none of its answers is shared). */
    int currentRing(Handle h, long applicationId) {
        return h.createQuery("""
                SELECT COALESCE(MAX(r.applicants), 0) FROM review_answer_fingerprint f
                JOIN review_fingerprint_ring r ON r.fingerprint = f.fingerprint WHERE f.application_id = :a""")
                .bind("a", applicationId).mapTo(Integer.class).one();
    }

    /** An erased applicant leaves every ring they were counted in. */
    int forget(Handle h, String applicantId) {
        h.createUpdate("""
                UPDATE review_fingerprint_ring SET applicants = applicants - 1
                WHERE fingerprint IN (SELECT fingerprint FROM review_fingerprint_applicant WHERE applicant_id = :u)""")
                .bind("u", applicantId).execute();
        return h.createUpdate("DELETE FROM review_fingerprint_applicant WHERE applicant_id = :u").bind("u", applicantId)
                .execute();
    }
}
