-- Relations between tasks: `blocks` (read from the other side as "blocked by"), `relates_to`
-- (symmetric) and `duplicates`.
CREATE TABLE task_relations (
    id         BLOB PRIMARY KEY NOT NULL,
    from_id    BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    to_id      BLOB NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('blocks', 'relates_to', 'duplicates')),
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    CHECK (from_id <> to_id)
) STRICT;
CREATE UNIQUE INDEX task_relations_pair ON task_relations (from_id, to_id, kind);
CREATE INDEX task_relations_to ON task_relations (to_id);
