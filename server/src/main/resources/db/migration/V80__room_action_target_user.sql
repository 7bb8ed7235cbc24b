-- Room infractions in circle review's applicant history (issue 11): whom an action was against, also for a deleted
-- message (its author, found in the room's window when the action was taken). Older user actions name their target;
-- older message deletes stay without one. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE room_action ADD COLUMN target_user_id VARCHAR(200);
UPDATE room_action SET target_user_id = target_id WHERE target_type = 'user';
CREATE INDEX room_action_target_user ON room_action (target_user_id, created_at);
CREATE INDEX room_held_message_user ON room_held_message (user_id, status);
