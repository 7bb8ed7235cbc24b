-- The audit log stays append-only, with two doors the lifecycle feature opens for one transaction at a time
-- (AuditLog.maintaining sets the transaction-local setting moddesk.audit_maintenance):
--   'retention' may DELETE entries (pruning past the audit retention, never under 180 days);
--   'erasure'   may UPDATE an entry's target_id, before_json, after_json and reason (an erased user becomes a
--               pseudonym), never its id, time, actor, action or client address.
-- TRUNCATE is always refused.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    maintenance text := current_setting('moddesk.audit_maintenance', true);
BEGIN
    IF TG_OP = 'DELETE' AND maintenance = 'retention' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND maintenance = 'erasure'
            AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
            AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
            AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
            AND NEW.client_address IS NOT DISTINCT FROM OLD.client_address THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
