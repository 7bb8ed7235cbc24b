-- Every node caches the sessions it has read (SessionCache). A change that must end or narrow a session on every node
-- notifies them all on the channel moddesk_session, with the payload '<schema> <staff id>'; NOTIFY inside a
-- transaction is delivered when it commits, and not at all if it rolls back. The triggers cover every way the change
-- can be made (the server's own routes, the admin command, a DBA's SQL), so no code path can forget it.
--   staff:         role, city scopes, disabled, password, must-change-password, username changed, or the row deleted;
--   staff_session: a session ended (sign-out, expiry, password change, disabled account).
-- Refreshing a session's last use (UPDATE staff_session) only extends it and notifies nobody.
CREATE OR REPLACE FUNCTION moddesk_session_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'staff' THEN
        PERFORM pg_notify('moddesk_session', TG_TABLE_SCHEMA || ' ' || OLD.id);
    ELSE
        PERFORM pg_notify('moddesk_session', TG_TABLE_SCHEMA || ' ' || OLD.staff_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER staff_session_revoke
    AFTER UPDATE OF role, city_scopes, disabled, password_hash, must_change_password, username OR DELETE ON staff
    FOR EACH ROW EXECUTE FUNCTION moddesk_session_notify();

CREATE TRIGGER staff_session_end
    AFTER DELETE ON staff_session
    FOR EACH ROW EXECUTE FUNCTION moddesk_session_notify();
