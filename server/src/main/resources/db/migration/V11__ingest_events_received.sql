-- Retention forgets applied event ids older than --retention-ingest-events-days, oldest first in batches of 500
-- (lifecycle's RetentionJob): without this index every batch sorted the whole table.
CREATE INDEX ingest_events_received ON ingest_events (received_at);
