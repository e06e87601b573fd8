CREATE OR REPLACE FUNCTION dayline_task_list_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ DECLARE
        changed uuid[];
    BEGIN
        IF TG_TABLE_NAME = 'groups' THEN
            changed := ARRAY[NEW.id];
        ELSIF TG_OP = 'INSERT' THEN
            changed := ARRAY[NEW.group_id];
        ELSIF TG_OP = 'DELETE' THEN
            changed := ARRAY[OLD.group_id];
        ELSE
            changed := ARRAY[OLD.group_id, NEW.group_id];
        END IF;
        INSERT INTO task_list_versions (group_id, version)
            SELECT DISTINCT g, 1 FROM unnest(changed) g WHERE g IS NOT NULL ORDER BY g
            ON CONFLICT (group_id) DO UPDATE SET version = task_list_versions.version + 1;
        RETURN NULL;
    END $$;
