DROP TABLE notifications;
DROP TABLE task_comments;
