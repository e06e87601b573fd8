-- Full-text search over tasks: title, description and visible comments, one row per task,
-- keyed by the task's rowid and kept current by the application.
CREATE VIRTUAL TABLE task_search USING fts5(
    task_id UNINDEXED, title, description, comments,
    tokenize = 'unicode61 remove_diacritics 2'
);
