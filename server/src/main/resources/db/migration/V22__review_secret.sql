-- Secrets every API node must share, generated once by whichever node starts first (e.g. the key that signs
-- pre-signed media URLs, so a link made by one node plays from any other and survives restarts).
CREATE TABLE review_secret (
    name   VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret VARCHAR(128) NOT NULL
);
