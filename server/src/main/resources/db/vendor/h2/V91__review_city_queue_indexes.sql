-- Pending applications of one city in risk order and in age order (V90); H2 has no partial indexes (see V21).
CREATE INDEX review_application_city_risk_queue ON review_application (city, status, risk_score DESC, submitted_at, id);
CREATE INDEX review_application_city_queue ON review_application (city, status, submitted_at, id);
