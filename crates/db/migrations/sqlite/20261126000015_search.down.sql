DROP TABLE task_search;
