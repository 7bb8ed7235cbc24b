-- PostgreSQL only (H2 has no partial indexes and keeps the V20/V21 ones).
--
-- The queue indexes hold pending applications only. A decision changes the row's status, so PostgreSQL writes a new
-- row version with an entry in every index whose predicate it matches: with full indexes that was all seven, now it
-- is the four that still apply, and ending the undo window (publish_pending back to false) no longer adds entries to
-- the publish index either. A smaller queue index also keeps claim-next's ordered scan short.
DROP INDEX review_application_queue;
DROP INDEX review_application_circle_queue;
DROP INDEX review_application_risk_queue;
DROP INDEX review_application_publish;
CREATE INDEX review_application_queue ON review_application (submitted_at, id) WHERE status = 'PENDING';
CREATE INDEX review_application_circle_queue ON review_application (circle_id, submitted_at, id) WHERE status = 'PENDING';
CREATE INDEX review_application_risk_queue ON review_application (risk_score DESC, submitted_at, id) WHERE status = 'PENDING';
CREATE INDEX review_application_publish ON review_application (undoable_until) WHERE publish_pending = TRUE;
-- Expiry looks for questions nobody answered; few rows are NEEDS_INFO at any time.
CREATE INDEX review_application_needs_info ON review_application (decided_at) WHERE status = 'NEEDS_INFO';
-- A claim changes no indexed column: with room left in the page it is a HOT update, writing no index entries.
ALTER TABLE review_application SET (fillfactor = 80);
