-- TOTP: one authenticator per user. The secret is encrypted with the instance secret key;
-- last_step is the last 30-second step accepted, so no code is accepted twice.
CREATE TABLE totp_credentials (
    user_id      BLOB PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    confirmed_at TEXT,
    last_step    INTEGER
) STRICT;

-- Single-use backup codes: `lookup` is the code's first characters (not secret, to find the
-- row), `code_hash` an argon2id hash of the rest.
CREATE TABLE backup_codes (
    id         BLOB PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lookup     TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at    TEXT
) STRICT;
CREATE INDEX backup_codes_user ON backup_codes (user_id, lookup);

-- The second step of a sign-in: issued after the password, single use, short-lived.
CREATE TABLE mfa_challenges (
    id           BLOB PRIMARY KEY NOT NULL,
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    session_mode TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,
    failures     INTEGER NOT NULL DEFAULT 0
) STRICT;

-- When the session last proved a second factor (step-up for sensitive actions).
ALTER TABLE sessions ADD COLUMN stepped_up_at TEXT;

-- Personal API tokens: `dl_pat_…` secrets stored as SHA-256 hashes.
CREATE TABLE api_tokens (
    id           BLOB PRIMARY KEY NOT NULL,
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
