-- Live rooms in the data lifecycle (issue 13): the pruning job finds old held messages, flagged lines and actions by
-- time, in small batches. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE INDEX room_held_message_held_at ON room_held_message (held_at);
CREATE INDEX room_kept_event_type_at ON room_kept_event (type, at);
CREATE INDEX room_action_created_at ON room_action (created_at);
