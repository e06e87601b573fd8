-- Single-use password reset tokens, stored as SHA-256 hashes; the plain token exists only
-- in the mail that carries it.
CREATE TABLE password_resets (
    id         BLOB PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
) STRICT;
CREATE INDEX password_resets_user ON password_resets (user_id, created_at);
