-- Where a reported message stands in its room's event sequence (issue 11: the report queue's deep link scrolls to and
-- highlights it), found in the room's retained window when the report arrives; null when the window no longer had it
-- (or never did). Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE room_report ADD COLUMN message_seq BIGINT;
