-- Copy-paste rings counted as they grow: each distinct applicant of an answer fingerprint once, and the ring's size
-- in one row, so an application joining a ring of thousands costs the same few statements as the third member.
CREATE TABLE review_fingerprint_applicant (
    fingerprint  VARCHAR(64)  NOT NULL,
    applicant_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (fingerprint, applicant_id)
);
CREATE INDEX review_fingerprint_applicant_user ON review_fingerprint_applicant (applicant_id);

CREATE TABLE review_fingerprint_ring (
    fingerprint VARCHAR(64) NOT NULL PRIMARY KEY,
    applicants  INTEGER     NOT NULL
);

INSERT INTO review_fingerprint_applicant (fingerprint, applicant_id)
    SELECT DISTINCT fingerprint, applicant_id FROM review_answer_fingerprint;
INSERT INTO review_fingerprint_ring (fingerprint, applicants)
    SELECT fingerprint, COUNT(*) FROM review_fingerprint_applicant GROUP BY fingerprint;
