ALTER INDEX task_search_document_stored RESET (fastupdate);

CREATE OR REPLACE FUNCTION dayline_is_member(g uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM memberships
                         WHERE group_id = g AND user_id = dayline_user_id() AND deleted_at IS NULL) $$;

CREATE OR REPLACE FUNCTION dayline_is_group_admin(g uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM memberships
                         WHERE group_id = g AND user_id = dayline_user_id() AND role = 'admin'
                           AND deleted_at IS NULL) $$;

CREATE OR REPLACE FUNCTION dayline_shares_group(u uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM memberships mine JOIN memberships theirs ON theirs.group_id = mine.group_id
                         WHERE mine.user_id = dayline_user_id() AND mine.deleted_at IS NULL
                           AND theirs.user_id = u AND theirs.deleted_at IS NULL) $$;

CREATE OR REPLACE FUNCTION dayline_founds_group(g uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM groups WHERE id = g AND created_by = dayline_user_id())
             AND NOT EXISTS (SELECT 1 FROM memberships WHERE group_id = g) $$;
