-- Queue and claim-next read pending applications in queue order, usually within one circle or by risk. Without
-- these, each claim sorted every pending row of the circle: fine at a hundred, a bottleneck at ten thousand.
CREATE INDEX review_application_circle_queue ON review_application (circle_id, status, submitted_at, id);
CREATE INDEX review_application_risk_queue ON review_application (status, risk_score DESC, submitted_at, id);
DROP INDEX review_application_circle;
