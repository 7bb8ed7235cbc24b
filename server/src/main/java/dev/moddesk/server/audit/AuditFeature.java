package dev.moddesk.server.audit;

import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.PersonalData;
import dev.moddesk.server.core.Prunable;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.core.TypeRefs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Reading the audit log. Admins see every entry; other staff only their own. Pages are newest first and the
 * cursor is a keyset on the entry id, so entries written while someone pages never shift a page.
 */
public final class AuditFeature implements Feature {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = AuditEntry.MAX_PAGE_SIZE;
    private static final String CURSOR_PREFIX = "a1:";

    private final AuditService audit;

    public AuditFeature(Services services) {
        this.audit = new AuditService(services);
        AuditLogLifecycle lifecycle = new AuditLogLifecycle(services);
        DataLifecycle.of(services).register((Prunable) lifecycle).register((PersonalData) lifecycle);
    }

    @Override
    public void register(Api api) {
        api.get("/api/v1/audit").summary("Audit log entries, newest first")
                .description("Admins see every entry, other staff only their own. Filters combine with AND.")
                .access(Access.staff())
                .query("actor", String.class, "username of the actor")
                .query("action", String.class, "action name, e.g. staff.create")
                .query("targetType", String.class, "target type, e.g. staff")
                .query("targetId", String.class, "target id")
                .query("from", Instant.class, "entries at or after this instant")
                .query("to", Instant.class, "entries before this instant")
                .query("cursor", String.class, "nextCursor of the previous page")
                .query("limit", Integer.class, "page size, 1-" + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
                .response(200, TypeRefs.pageOf(AuditEntry.class))
                .handle(this::page);

        api.get("/api/v1/audit/actions").summary("Distinct action names (own entries only for non-admins)")
                .access(Access.staff()).response(200, TypeRefs.listOf(String.class))
                .handle(call -> audit.actions(call.principal()));
    }

    private Page<AuditEntry> page(Call call) {
        Instant from = call.queryInstant("from");
        Instant to = call.queryInstant("to");
        if (from != null && to != null && from.isAfter(to)) {
            throw Call.invalidQuery("from", "audit.query.fromAfterTo");
        }
        int limit = call.queryInt("limit", 1, MAX_LIMIT) instanceof Integer l ? l : DEFAULT_LIMIT;
        Long beforeId = decodeCursor(call.query("cursor"));
        return audit.page(call.principal(), new AuditStore.Filter(null, call.query("actor"), call.query("action"),
                call.query("targetType"), call.query("targetId"), from, to, beforeId), limit);
    }

    static String encodeCursor(long beforeId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + beforeId).getBytes(StandardCharsets.UTF_8));
    }

    static Long decodeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(CURSOR_PREFIX)) {
                long id = Long.parseLong(raw.substring(CURSOR_PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below (NumberFormatException is an IllegalArgumentException too)
        }
        throw Call.invalidQuery("cursor", "audit.query.cursor");
    }
}
