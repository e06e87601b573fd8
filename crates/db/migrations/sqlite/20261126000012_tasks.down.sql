DROP TABLE idempotency_keys;
DROP TABLE task_history;
DROP TABLE task_counters;
DROP TABLE tasks;
