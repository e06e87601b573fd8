-- A search read every match of its words (a GIN index gives them in no useful order) to
-- check who may see each and which band it falls in: about 1.9 µs a match, 1,300 to 2,400
-- matches for a word in 100,000 tasks. Most pages are filled by the first band alone (every
-- word in the title), and titles hold a small share of a task's words. So a second index
-- holds only the title's words (the document's weight-A lexemes), and a search reads the
-- title matches first; only when they leave the page short does it read the other matches.
--
-- For someone who sees few of the groups that is a loss: most title matches are then ones
-- they cannot see, the page stays short, and both indexes are read. So the title index is
-- read first only when the caller sees at least half of the live groups; otherwise the
-- search reads every match once, as before.
CREATE INDEX task_search_titles ON task_search USING gin (ts_filter(document, '{a}'::"char"[]))
    WITH (fastupdate = off);

CREATE OR REPLACE FUNCTION dayline_search_visible(q tsquery, q_title tsquery, q_text tsquery, lim bigint)
    RETURNS TABLE (task_id uuid, band integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ DECLARE
        me uuid := dayline_user_id();
        mine uuid[];
        found bigint;
    BEGIN
        mine := ARRAY(SELECT m.group_id FROM memberships m JOIN groups g ON g.id = m.group_id
                      WHERE m.user_id = me AND m.deleted_at IS NULL AND g.deleted_at IS NULL);
        IF 2 * cardinality(mine) < (SELECT count(*) FROM groups WHERE deleted_at IS NULL) THEN
            RETURN QUERY SELECT s.task_id,
                    CASE WHEN s.document @@ q_title THEN 1 WHEN s.document @@ q_text THEN 2 ELSE 3 END
                FROM task_search s
                WHERE s.document @@ q AND NOT s.archived
                  AND ((s.group_id IS NULL AND s.owner_id = me) OR s.group_id = ANY (mine))
                ORDER BY 2, s.task_id DESC LIMIT lim;
            RETURN;
        END IF;
        -- A STABLE function's statements share the calling statement's snapshot, so the two
        -- reads see the same tasks.
        -- `OFFSET 0` keeps the match inside: ordered by id alone, the planner could walk the
        -- primary key backwards and test every entry, which for a rare word is all of them.
        RETURN QUERY SELECT t.task_id, 1
            FROM (SELECT s.task_id FROM task_search s
                  WHERE ts_filter(s.document, '{a}'::"char"[]) @@ q_title AND NOT s.archived
                    AND ((s.group_id IS NULL AND s.owner_id = me) OR s.group_id = ANY (mine))
                  OFFSET 0) t
            ORDER BY t.task_id DESC LIMIT lim;
        GET DIAGNOSTICS found = ROW_COUNT;
        IF found < lim THEN
            RETURN QUERY SELECT s.task_id, CASE WHEN s.document @@ q_text THEN 2 ELSE 3 END
                FROM task_search s
                WHERE s.document @@ q AND NOT s.document @@ q_title AND NOT s.archived
                  AND ((s.group_id IS NULL AND s.owner_id = me) OR s.group_id = ANY (mine))
                ORDER BY 2, s.task_id DESC LIMIT lim - found;
        END IF;
    END $$;
