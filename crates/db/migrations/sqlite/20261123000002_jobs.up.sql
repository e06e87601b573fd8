-- Durable background jobs. 'failed' means "an attempt failed, retrying at run_at";
-- 'dead' means attempts are used up and an administrator must decide.
CREATE TABLE jobs (
    id               BLOB PRIMARY KEY NOT NULL,
    kind             TEXT NOT NULL,
    queue            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 0,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'dead')),
    run_at           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    last_error       TEXT,
    locked_by        TEXT,
    lease_expires_at TEXT,
    idempotency_key  TEXT,
    created_at       TEXT NOT NULL,
    finished_at      TEXT
) STRICT;
CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_due ON jobs (queue, priority DESC, run_at) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_leased ON jobs (queue, lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_state ON jobs (state, created_at);
