-- A platform that hosts its own media sends https URLs (at most 2,000 characters) where an uploading platform names
-- keys in the media store; both live in the same columns (a reference starting with https:// is a URL).
ALTER TABLE review_application ALTER COLUMN video_media_key SET DATA TYPE VARCHAR(2048);
ALTER TABLE review_application ALTER COLUMN video_poster_key SET DATA TYPE VARCHAR(2048);
