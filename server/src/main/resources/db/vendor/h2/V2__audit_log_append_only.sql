-- H2 has no procedural SQL: its triggers are Java classes. This one raises on every UPDATE or DELETE.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE, DELETE ON audit_log
    FOR EACH ROW CALL 'dev.moddesk.server.core.AuditLogAppendOnlyTrigger';
