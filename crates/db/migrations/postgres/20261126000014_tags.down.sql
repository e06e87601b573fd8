ALTER TABLE tasks DROP COLUMN tag_names;
DROP TABLE task_tags;
DROP TABLE tags;
