ALTER TABLE users DROP COLUMN locked_until;
