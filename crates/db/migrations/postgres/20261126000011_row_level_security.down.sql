DROP POLICY events_insert ON events;
DROP POLICY events_system ON events;
ALTER TABLE events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE events DISABLE ROW LEVEL SECURITY;
DROP POLICY audit_log_insert ON audit_log;
DROP POLICY audit_log_read ON audit_log;
ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY;
DROP POLICY invitations_admins ON invitations;
ALTER TABLE invitations NO FORCE ROW LEVEL SECURITY;
ALTER TABLE invitations DISABLE ROW LEVEL SECURITY;
DROP POLICY memberships_delete ON memberships;
DROP POLICY memberships_update ON memberships;
DROP POLICY memberships_insert ON memberships;
DROP POLICY memberships_read ON memberships;
ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY;
ALTER TABLE memberships DISABLE ROW LEVEL SECURITY;
DROP POLICY groups_delete ON groups;
DROP POLICY groups_update ON groups;
DROP POLICY groups_insert ON groups;
DROP POLICY groups_read ON groups;
ALTER TABLE groups NO FORCE ROW LEVEL SECURITY;
ALTER TABLE groups DISABLE ROW LEVEL SECURITY;
DROP POLICY refresh_tokens_own ON refresh_tokens;
ALTER TABLE refresh_tokens NO FORCE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens DISABLE ROW LEVEL SECURITY;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sessions', 'password_resets', 'totp_credentials', 'backup_codes',
                             'mfa_challenges', 'api_tokens', 'passkeys', 'webauthn_ceremonies'] LOOP
        EXECUTE format('DROP POLICY %I ON %I', t || '_own', t);
        EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
    END LOOP;
END $$;
DROP POLICY users_delete ON users;
DROP POLICY users_update ON users;
DROP POLICY users_insert ON users;
DROP POLICY users_read ON users;
ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
ALTER TABLE users DISABLE ROW LEVEL SECURITY;
DROP FUNCTION dayline_founds_group(uuid);
DROP FUNCTION dayline_shares_group(uuid);
DROP FUNCTION dayline_is_group_admin(uuid);
DROP FUNCTION dayline_is_member(uuid);
DROP FUNCTION dayline_sees_all();
DROP FUNCTION dayline_user_id();
