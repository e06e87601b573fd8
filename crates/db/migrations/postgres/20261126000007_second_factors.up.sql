-- TOTP: one authenticator per user. The secret is encrypted with the instance secret key;
-- last_step is the last 30-second step accepted, so no code is accepted twice.
CREATE TABLE totp_credentials (
    user_id      UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_step    BIGINT
);

-- Single-use backup codes: `lookup` is the code's first characters (not secret, to find the
-- row), `code_hash` an argon2id hash of the rest.
CREATE TABLE backup_codes (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lookup     TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX backup_codes_user ON backup_codes (user_id, lookup);

-- The second step of a sign-in: issued after the password, single use, short-lived.
CREATE TABLE mfa_challenges (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    session_mode TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    failures     BIGINT NOT NULL DEFAULT 0
);

-- When the session last proved a second factor (step-up for sensitive actions).
ALTER TABLE sessions ADD COLUMN stepped_up_at TIMESTAMPTZ;

-- Personal API tokens: `dl_pat_…` secrets stored as SHA-256 hashes.
CREATE TABLE api_tokens (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
