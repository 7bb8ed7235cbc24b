-- After an admin sets someone's password, that person must choose their own at the next sign-in: until then the
-- server answers every route but changing the password, GET /me and signing out with 403 password-change-required.
ALTER TABLE staff ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
