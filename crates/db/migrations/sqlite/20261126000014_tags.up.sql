-- Tags, per group (or per owner for personal tasks), unique case-insensitively. Tasks keep
-- their tags' display names too (`tag_names`, a JSON array) so reading a task needs no join.
CREATE TABLE tags (
    id         BLOB PRIMARY KEY NOT NULL,
    group_id   BLOB REFERENCES groups (id) ON DELETE CASCADE,
    owner_id   BLOB REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    normalized TEXT NOT NULL,
    color      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX tags_group_name ON tags (group_id, normalized) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX tags_personal_name ON tags (owner_id, normalized) WHERE group_id IS NULL;

CREATE TABLE task_tags (
    task_id BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    tag_id  BLOB NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, tag_id)
) STRICT;
CREATE INDEX task_tags_tag ON task_tags (tag_id);

ALTER TABLE tasks ADD COLUMN tag_names TEXT NOT NULL DEFAULT '[]';
