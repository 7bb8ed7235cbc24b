-- The platform user who owns a circle (circle.upserted ownerId, optional): an erasure of that user finds the circle
-- and erases the owner's name. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE review_circle ADD COLUMN owner_id VARCHAR(200);
CREATE INDEX review_circle_owner ON review_circle (owner_id);
