-- Data lifecycle (core): the record of each erasure and the secret that makes pseudonyms.
-- An erased user is named only by their pseudonym (HMAC-SHA256 of the user id with lifecycle_secret 'pseudonym'):
-- stable, so a second erasure of the same user finds the first, and not reversible without the secret.
CREATE TABLE lifecycle_erasure (
    pseudonym   VARCHAR(100)             NOT NULL PRIMARY KEY,
    erased_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_by   VARCHAR(200)             NOT NULL,
    -- counts only (what, how many); never a removed value
    report_json VARCHAR(8000)            NOT NULL
);

-- Secrets every API node must share, generated once by whichever node starts first.
CREATE TABLE lifecycle_secret (
    name   VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret VARCHAR(128) NOT NULL
);
