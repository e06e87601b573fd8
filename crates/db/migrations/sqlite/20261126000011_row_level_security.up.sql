-- Row-Level Security exists on PostgreSQL only; SQLite relies on the application's policy.
-- This version keeps both migration histories in step.
SELECT 1;
