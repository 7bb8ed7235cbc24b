-- Pending applications of one city in risk order and in age order (V90): claim-next and the queue with a city filter
-- or a city scope read these instead of walking every city's rows. Partial like V23's, so a decision adds no entries.
CREATE INDEX review_application_city_risk_queue ON review_application (city, risk_score DESC, submitted_at, id)
    WHERE status = 'PENDING';
CREATE INDEX review_application_city_queue ON review_application (city, submitted_at, id) WHERE status = 'PENDING';
