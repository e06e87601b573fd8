-- Relations between tasks: `blocks` (read from the other side as "blocked by"), `relates_to`
-- (symmetric) and `duplicates`.
CREATE TABLE task_relations (
    id         UUID PRIMARY KEY,
    from_id    UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    to_id      UUID NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('blocks', 'relates_to', 'duplicates')),
    created_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (from_id <> to_id)
);
CREATE UNIQUE INDEX task_relations_pair ON task_relations (from_id, to_id, kind);
CREATE INDEX task_relations_to ON task_relations (to_id);

-- A relation is visible when both its tasks are.
ALTER TABLE task_relations ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_relations FORCE ROW LEVEL SECURITY;
CREATE POLICY task_relations_visible ON task_relations
    USING (EXISTS (SELECT 1 FROM tasks t WHERE t.id = from_id) AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = to_id));
