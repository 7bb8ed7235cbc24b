-- Live rooms: what has to last. The room's state (one row per room, updated by the platform's room events) and the
-- events that must outlive the bus's window: flagged (and, later, held) messages and moderation actions, each as the
-- RoomEvent JSON it was on the stream. Ordinary chat lines are NOT stored here: they live in the bus's window only.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

CREATE TABLE room (
    room_id           VARCHAR(200)             NOT NULL PRIMARY KEY,
    kind              VARCHAR(20)              NOT NULL,
    title             VARCHAR(200)             NOT NULL,
    host_id           VARCHAR(200)             NOT NULL,
    host_name         VARCHAR(200)             NOT NULL,
    city              VARCHAR(100),
    status            VARCHAR(10)              NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    audience          INT                      NOT NULL DEFAULT 0,
    seat_count        INT                      NOT NULL DEFAULT 0,
    -- JSON: [Seat], [Song], WatchSource or NULL
    seats_json        VARCHAR                  NOT NULL DEFAULT '[]',
    songs_json        VARCHAR                  NOT NULL DEFAULT '[]',
    source_json       VARCHAR,
    slow_mode_seconds INT                      NOT NULL DEFAULT 0,
    flagged           BIGINT                   NOT NULL DEFAULT 0,
    reports           BIGINT                   NOT NULL DEFAULT 0,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX room_status_kind_city ON room (status, kind, city);

CREATE TABLE room_kept_event (
    room_id    VARCHAR(200)             NOT NULL,
    seq        BIGINT                   NOT NULL,
    type       VARCHAR(20)              NOT NULL,
    user_id    VARCHAR(200),
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    event_json VARCHAR                  NOT NULL,
    PRIMARY KEY (room_id, seq)
);
CREATE INDEX room_kept_event_user ON room_kept_event (user_id, at);

-- The in-process room bus's high-water mark per room (numbering goes on above it after a restart). Its own table, so
-- raising it never waits for a room row locked by an ingest transaction. Not used with NATS JetStream.
CREATE TABLE room_seq_reservation (
    room_id  VARCHAR(200) NOT NULL PRIMARY KEY,
    reserved BIGINT       NOT NULL
);
