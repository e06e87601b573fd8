-- Recurring jobs: "run kind K at local time T on these weekdays (or on this cron pattern)
-- in zone Z". next_run_at is UTC; the scheduler reads only due rows through the index.
CREATE TABLE schedules (
    id          UUID PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    group_id    UUID,
    payload     JSONB NOT NULL,
    timezone    TEXT NOT NULL,
    local_time  TEXT,
    weekdays    BIGINT NOT NULL DEFAULT 127,
    cron        TEXT,
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    next_run_at TIMESTAMPTZ NOT NULL,
    last_run_at TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CHECK ((local_time IS NULL) <> (cron IS NULL))
);
CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled;
CREATE INDEX schedules_group ON schedules (group_id);
