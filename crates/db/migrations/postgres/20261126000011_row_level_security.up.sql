-- Row-Level Security: PostgreSQL enforces who sees which rows a second time, beneath the
-- application's own policy. Each transaction Dayline opens sets, transaction-locally,
--   dayline.user_id        the acting user ('' for none),
--   dayline.is_super_admin 'true' for a super admin (sees every row),
--   dayline.is_system      'true' for the system itself (jobs, the command line, and the flows a
--                          credential or token authorises before a user is known).
-- A connection that set nothing sees no row of these tables. The policies bind the
-- application's role; the owner running migrations must be a superuser or have BYPASSRLS.

CREATE FUNCTION dayline_user_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('dayline.user_id', true), '')::uuid $$;

CREATE FUNCTION dayline_sees_all() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('dayline.is_system', true), '') = 'true'
              OR coalesce(current_setting('dayline.is_super_admin', true), '') = 'true' $$;

-- Membership questions read `memberships` with the owner's rights (SECURITY DEFINER), so the
-- memberships policy can ask them without recursing into itself.
CREATE FUNCTION dayline_is_member(g uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM memberships
                         WHERE group_id = g AND user_id = dayline_user_id() AND deleted_at IS NULL) $$;

CREATE FUNCTION dayline_is_group_admin(g uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM memberships
                         WHERE group_id = g AND user_id = dayline_user_id() AND role = 'admin'
                           AND deleted_at IS NULL) $$;

-- Users see the people they share a live group with.
CREATE FUNCTION dayline_shares_group(u uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM memberships mine JOIN memberships theirs ON theirs.group_id = mine.group_id
                         WHERE mine.user_id = dayline_user_id() AND mine.deleted_at IS NULL
                           AND theirs.user_id = u AND theirs.deleted_at IS NULL) $$;

-- The creator of a group that has no member yet may make themself its first admin.
CREATE FUNCTION dayline_founds_group(g uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM groups WHERE id = g AND created_by = dayline_user_id())
             AND NOT EXISTS (SELECT 1 FROM memberships WHERE group_id = g) $$;

REVOKE ALL ON FUNCTION dayline_is_member(uuid), dayline_is_group_admin(uuid), dayline_shares_group(uuid),
    dayline_founds_group(uuid) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_app') THEN
        GRANT EXECUTE ON FUNCTION dayline_user_id(), dayline_sees_all(), dayline_is_member(uuid),
            dayline_is_group_admin(uuid), dayline_shares_group(uuid), dayline_founds_group(uuid) TO dayline_app;
    END IF;
END $$;

-- Users: oneself, the people one shares a group with; changes to oneself only.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_read ON users FOR SELECT
    USING (dayline_sees_all() OR id = dayline_user_id() OR dayline_shares_group(id));
CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (dayline_sees_all());
CREATE POLICY users_update ON users FOR UPDATE
    USING (dayline_sees_all() OR id = dayline_user_id()) WITH CHECK (dayline_sees_all() OR id = dayline_user_id());
CREATE POLICY users_delete ON users FOR DELETE USING (dayline_sees_all());

-- A user's own credentials and sessions: the owner only.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sessions', 'password_resets', 'totp_credentials', 'backup_codes',
                             'mfa_challenges', 'api_tokens', 'passkeys', 'webauthn_ceremonies'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I USING (dayline_sees_all() OR user_id = dayline_user_id())',
                       t || '_own', t);
    END LOOP;
END $$;

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY refresh_tokens_own ON refresh_tokens
    USING (dayline_sees_all() OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id AND s.user_id = dayline_user_id()));

-- Groups: members read, group admins change; anyone may create one in their own name.
ALTER TABLE groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE groups FORCE ROW LEVEL SECURITY;
CREATE POLICY groups_read ON groups FOR SELECT USING (dayline_sees_all() OR dayline_is_member(id));
CREATE POLICY groups_insert ON groups FOR INSERT
    WITH CHECK (dayline_sees_all() OR (created_by = dayline_user_id()));
CREATE POLICY groups_update ON groups FOR UPDATE
    USING (dayline_sees_all() OR dayline_is_group_admin(id)) WITH CHECK (dayline_sees_all() OR dayline_is_group_admin(id));
CREATE POLICY groups_delete ON groups FOR DELETE USING (dayline_sees_all());

-- Memberships: visible to the group's members; managed by its admins; a member may leave
-- (or be changed) but never raise their own role.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY memberships_read ON memberships FOR SELECT
    USING (dayline_sees_all() OR user_id = dayline_user_id() OR dayline_is_member(group_id));
CREATE POLICY memberships_insert ON memberships FOR INSERT
    WITH CHECK (dayline_sees_all() OR dayline_is_group_admin(group_id)
                OR (user_id = dayline_user_id() AND dayline_founds_group(group_id)));
CREATE POLICY memberships_update ON memberships FOR UPDATE
    USING (dayline_sees_all() OR dayline_is_group_admin(group_id) OR user_id = dayline_user_id())
    WITH CHECK (dayline_sees_all() OR dayline_is_group_admin(group_id) OR (user_id = dayline_user_id() AND role = 'member'));
CREATE POLICY memberships_delete ON memberships FOR DELETE USING (dayline_sees_all());

-- Invitations: the group's admins (accepting one is a token-authorised system flow).
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_admins ON invitations
    USING (dayline_sees_all() OR dayline_is_group_admin(group_id));

-- The audit log: one's own actions and, for group admins, their group's trail. Anyone writes
-- rows in their own name; nobody changes them (no grants, and triggers).
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT
    USING (dayline_sees_all() OR actor_id = dayline_user_id()
           OR (group_id IS NOT NULL AND dayline_is_group_admin(group_id)));
CREATE POLICY audit_log_insert ON audit_log FOR INSERT
    WITH CHECK (dayline_sees_all() OR actor_id = dayline_user_id());

-- The outbox carries group content to consumers, which run as the system.
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_system ON events USING (dayline_sees_all());
CREATE POLICY events_insert ON events FOR INSERT
    WITH CHECK (dayline_sees_all() OR actor_id = dayline_user_id());
