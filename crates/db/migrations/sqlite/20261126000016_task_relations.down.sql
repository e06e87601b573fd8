DROP TABLE task_relations;
