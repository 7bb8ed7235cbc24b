-- The circle's city, copied onto each application, so the queue can be read in order within a city from an index.
-- Before, a city filter or a moderator's city scope was a join filter: a risk-ordered claim-next for 成都 walked the
-- pending rows of every other city at the top of the risk order (thousands of heap reads per claim once a backlog of
-- other cities' high-risk rows built up). CircleStore keeps the copy in step when a circle moves to another city.
ALTER TABLE review_application ADD COLUMN city VARCHAR(100);
UPDATE review_application a SET city = (SELECT c.city FROM review_circle c WHERE c.id = a.circle_id);
ALTER TABLE review_application ALTER COLUMN city SET NOT NULL;
