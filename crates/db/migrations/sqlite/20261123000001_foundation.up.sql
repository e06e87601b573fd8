-- Users: the minimum the first-run setup needs; accounts grow in later migrations.
CREATE TABLE users (
    id            BLOB PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT,
    role          TEXT NOT NULL CHECK (role IN ('super_admin', 'user')),
    is_active     INTEGER NOT NULL DEFAULT 1,
    timezone      TEXT NOT NULL DEFAULT 'UTC',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- One row once the first super admin exists; the primary key makes setup happen once.
CREATE TABLE instance_setup (
    id           INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    completed_at TEXT NOT NULL,
    completed_by BLOB NOT NULL REFERENCES users (id)
) STRICT;

-- Append-only audit trail. No foreign keys: the record outlives what it describes.
CREATE TABLE audit_log (
    id          BLOB PRIMARY KEY NOT NULL,
    occurred_at TEXT NOT NULL,
    actor_id    BLOB,
    actor_ip    TEXT,
    user_agent  TEXT,
    request_id  TEXT,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   BLOB,
    group_id    BLOB,
    details     TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Transactional outbox: events commit with their change and are dispatched in seq order.
CREATE TABLE events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             BLOB NOT NULL UNIQUE,
    occurred_at    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    aggregate_type TEXT NOT NULL,
    aggregate_id   BLOB NOT NULL,
    group_id       BLOB,
    actor_id       BLOB,
    payload        TEXT NOT NULL,
    dispatched_at  TEXT
) STRICT;
CREATE INDEX events_pending ON events (seq) WHERE dispatched_at IS NULL;
