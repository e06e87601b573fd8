DROP TABLE events;
DROP TABLE audit_log;
DROP FUNCTION dayline_forbid_change();
DROP TABLE instance_setup;
DROP TABLE users;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        ALTER DEFAULT PRIVILEGES REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM dayline_app;
        ALTER DEFAULT PRIVILEGES REVOKE USAGE, SELECT ON SEQUENCES FROM dayline_app;
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM dayline_app', current_schema());
    END IF;
END $$;
