-- Token signing keys, shared by every instance. Private keys are encrypted with the
-- instance secret key; public keys stay published until their tokens have expired.
CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    public_key  TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    retired_at  TIMESTAMPTZ
);

-- One row per login. Access tokens name their session (sid), so revoking it ends them.
CREATE TABLE sessions (
    id             UUID PRIMARY KEY,
    user_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TIMESTAMPTZ NOT NULL,
    last_used_at   TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    ip             TEXT,
    user_agent     TEXT,
    revoked_at     TIMESTAMPTZ,
    revoked_reason TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Opaque refresh tokens, stored as SHA-256 hashes, rotated on every use.
CREATE TABLE refresh_tokens (
    id          UUID PRIMARY KEY,
    session_id  UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    replaced_by UUID,
    -- The successor pair, encrypted, so a parallel refresh inside the grace window gets it too.
    successor   TEXT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
