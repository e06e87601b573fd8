-- Tags, per group (or per owner for personal tasks), unique case-insensitively. Tasks keep
-- their tags' display names too (`tag_names`, a JSON array) so reading a task needs no join.
CREATE TABLE tags (
    id         UUID PRIMARY KEY,
    group_id   UUID REFERENCES groups (id) ON DELETE CASCADE,
    owner_id   UUID REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    normalized TEXT NOT NULL,
    color      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX tags_group_name ON tags (group_id, normalized) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX tags_personal_name ON tags (owner_id, normalized) WHERE group_id IS NULL;

CREATE TABLE task_tags (
    task_id UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    tag_id  UUID NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, tag_id)
);
CREATE INDEX task_tags_tag ON task_tags (tag_id);

ALTER TABLE tasks ADD COLUMN tag_names TEXT NOT NULL DEFAULT '[]';

-- A group's tags for its members (group admins rename and merge them); personal tags for
-- their owner alone.
ALTER TABLE tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE tags FORCE ROW LEVEL SECURITY;
CREATE POLICY tags_visible ON tags
    USING (coalesce(current_setting('dayline.is_system', true), '') = 'true'
           OR (group_id IS NULL AND owner_id = dayline_user_id())
           OR (group_id IS NOT NULL AND (dayline_sees_all() OR dayline_is_member(group_id))));

ALTER TABLE task_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_tags FORCE ROW LEVEL SECURITY;
CREATE POLICY task_tags_visible ON task_tags USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
