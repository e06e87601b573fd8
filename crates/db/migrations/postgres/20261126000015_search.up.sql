-- Full-text search over tasks: title, description and visible comments, one row per task,
-- kept current by the application; ranked with weights A (title), B (description), C
-- (comments). The GIN index is on the same expression the search uses.
CREATE TABLE task_search (
    task_id     UUID PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    comments    TEXT NOT NULL
);
CREATE INDEX task_search_document ON task_search USING GIN ((
    setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', description), 'B')
    || setweight(to_tsvector('simple', comments), 'C')));

ALTER TABLE task_search ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_search FORCE ROW LEVEL SECURITY;
CREATE POLICY task_search_visible ON task_search USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_id));
