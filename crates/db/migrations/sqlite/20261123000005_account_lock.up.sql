-- Set after too many failed logins; until then every login answers "invalid credentials".
ALTER TABLE users ADD COLUMN locked_until TEXT;
