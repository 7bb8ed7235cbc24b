-- The platform sends events from several machines, so a withdrawal can overtake its submission. It is kept here and
-- applied when the submission arrives (then the row goes).
CREATE TABLE review_early_withdrawal (
    external_id  VARCHAR(100)             NOT NULL PRIMARY KEY,
    withdrawn_at TIMESTAMP WITH TIME ZONE NOT NULL
);
