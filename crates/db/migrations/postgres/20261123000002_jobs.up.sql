-- Durable background jobs. 'failed' means "an attempt failed, retrying at run_at";
-- 'dead' means attempts are used up and an administrator must decide.
CREATE TABLE jobs (
    id               UUID PRIMARY KEY,
    kind             TEXT NOT NULL,
    queue            TEXT NOT NULL,
    payload          JSONB NOT NULL,
    priority         BIGINT NOT NULL DEFAULT 0,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
    run_at           TIMESTAMPTZ NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    max_attempts     BIGINT NOT NULL,
    last_error       TEXT,
    locked_by        TEXT,
    lease_expires_at TIMESTAMPTZ,
    idempotency_key  TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_due ON jobs (queue, priority DESC, run_at) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_leased ON jobs (queue, lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_state ON jobs (state, created_at);
