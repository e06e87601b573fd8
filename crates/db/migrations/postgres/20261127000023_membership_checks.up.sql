-- The membership questions the row policies ask, in PL/pgSQL instead of SQL. A SECURITY
-- DEFINER function in SQL cannot be inlined, and PostgreSQL plans its body again in every
-- statement that calls it (once per call site): a list of twenty tasks planned these bodies
-- four times over. PL/pgSQL keeps the plan of its query for the session. Same answers, same
-- rights, same fixed search_path.

CREATE OR REPLACE FUNCTION dayline_is_member(g uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        RETURN EXISTS (SELECT 1 FROM memberships
                       WHERE group_id = g AND user_id = dayline_user_id() AND deleted_at IS NULL);
    END $$;

CREATE OR REPLACE FUNCTION dayline_is_group_admin(g uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        RETURN EXISTS (SELECT 1 FROM memberships
                       WHERE group_id = g AND user_id = dayline_user_id() AND role = 'admin'
                         AND deleted_at IS NULL);
    END $$;

CREATE OR REPLACE FUNCTION dayline_shares_group(u uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        RETURN EXISTS (SELECT 1 FROM memberships mine JOIN memberships theirs ON theirs.group_id = mine.group_id
                       WHERE mine.user_id = dayline_user_id() AND mine.deleted_at IS NULL
                         AND theirs.user_id = u AND theirs.deleted_at IS NULL);
    END $$;

CREATE OR REPLACE FUNCTION dayline_founds_group(g uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ BEGIN
        RETURN EXISTS (SELECT 1 FROM groups WHERE id = g AND created_by = dayline_user_id())
           AND NOT EXISTS (SELECT 1 FROM memberships WHERE group_id = g);
    END $$;

-- New search entries go straight into the full-text index. With the default pending list,
-- entries written since the last vacuum sit in an unsorted list that every search reads
-- whole: after a busy hour of writes that was most of a search's time.
ALTER INDEX task_search_document_stored SET (fastupdate = off);
SELECT gin_clean_pending_list('task_search_document_stored');
