-- Teams: the unit of sharing. Soft-deleted groups stay restorable for 30 days.
CREATE TABLE groups (
    id                 BLOB PRIMARY KEY NOT NULL,
    name               TEXT NOT NULL,
    slug               TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    timezone           TEXT NOT NULL,
    checkin_days       TEXT NOT NULL,
    checkin_time       TEXT NOT NULL,
    summary_time       TEXT NOT NULL,
    require_admin_mfa  INTEGER NOT NULL DEFAULT 0,
    created_by         BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
) STRICT;
CREATE UNIQUE INDEX groups_slug ON groups (lower(slug));

-- Who belongs to a group, as `admin` or `member`. Leaving or removal sets deleted_at; at
-- most one live membership per user and group, so re-joining adds a new row.
CREATE TABLE memberships (
    id         BLOB PRIMARY KEY NOT NULL,
    group_id   BLOB NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    created_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX memberships_live ON memberships (group_id, user_id) WHERE deleted_at IS NULL;
CREATE INDEX memberships_user ON memberships (user_id) WHERE deleted_at IS NULL;
