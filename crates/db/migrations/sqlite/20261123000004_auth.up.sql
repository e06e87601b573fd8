-- Token signing keys, shared by every instance. Private keys are encrypted with the
-- instance secret key; public keys stay published until their tokens have expired.
CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY NOT NULL,
    public_key  TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT
) STRICT;

-- One row per login. Access tokens name their session (sid), so revoking it ends them.
CREATE TABLE sessions (
    id             BLOB PRIMARY KEY NOT NULL,
    user_id        BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    last_used_at   TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    ip             TEXT,
    user_agent     TEXT,
    revoked_at     TEXT,
    revoked_reason TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- Opaque refresh tokens, stored as SHA-256 hashes, rotated on every use.
CREATE TABLE refresh_tokens (
    id          BLOB PRIMARY KEY NOT NULL,
    session_id  BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    replaced_by BLOB,
    -- The successor pair, encrypted, so a parallel refresh inside the grace window gets it too.
    successor   TEXT
) STRICT;
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
