-- The application connects as a member of `dayline_app`, which does not own the tables.
-- Creating the role needs CREATEROLE; where the migrating role lacks it, an operator
-- creates it beforehand (docs/postgresql.md) and the grants below still apply.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        CREATE ROLE dayline_app NOLOGIN;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'role dayline_app does not exist and cannot be created here';
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO dayline_app', current_schema());
        -- Every table and sequence later migrations create is usable by the app role.
        ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dayline_app;
        ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO dayline_app;
    END IF;
END $$;

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT,
    role          TEXT NOT NULL CHECK (role IN ('super_admin', 'user')),
    is_active     BOOLEAN NOT NULL DEFAULT TRUE,
    timezone      TEXT NOT NULL DEFAULT 'UTC',
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE instance_setup (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    completed_at TIMESTAMPTZ NOT NULL,
    completed_by UUID NOT NULL REFERENCES users (id)
);

CREATE TABLE audit_log (
    id          UUID PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor_id    UUID,
    actor_ip    TEXT,
    user_agent  TEXT,
    request_id  TEXT,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   UUID,
    group_id    UUID,
    details     JSONB NOT NULL
);
CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

-- Append-only for everyone, owner included; the app role additionally lacks the grants.
CREATE FUNCTION dayline_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION dayline_forbid_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION dayline_forbid_change();

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM dayline_app;
    END IF;
END $$;

CREATE TABLE events (
    seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             UUID NOT NULL UNIQUE,
    occurred_at    TIMESTAMPTZ NOT NULL,
    kind           TEXT NOT NULL,
    aggregate_type TEXT NOT NULL,
    aggregate_id   UUID NOT NULL,
    group_id       UUID,
    actor_id       UUID,
    payload        JSONB NOT NULL,
    dispatched_at  TIMESTAMPTZ
);
CREATE INDEX events_pending ON events (seq) WHERE dispatched_at IS NULL;
