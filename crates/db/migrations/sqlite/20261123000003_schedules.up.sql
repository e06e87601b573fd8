-- Recurring jobs: "run kind K at local time T on these weekdays (or on this cron pattern)
-- in zone Z". next_run_at is UTC; the scheduler reads only due rows through the index.
CREATE TABLE schedules (
    id          BLOB PRIMARY KEY NOT NULL,
    key         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    group_id    BLOB,
    payload     TEXT NOT NULL,
    timezone    TEXT NOT NULL,
    local_time  TEXT,
    weekdays    INTEGER NOT NULL DEFAULT 127,
    cron        TEXT,
    enabled     INTEGER NOT NULL DEFAULT 1,
    next_run_at TEXT NOT NULL,
    last_run_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((local_time IS NULL) <> (cron IS NULL))
) STRICT;
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled = 1;
CREATE INDEX schedules_group ON schedules (group_id);
