package dev.moddesk.server.lifecycle;

import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The lifecycle feature's own SQL (V5): the pseudonym secret and the record of each erasure. */
final class LifecycleStore {

    Optional<String> secret(Handle h, String name) {
        return h.createQuery("SELECT secret FROM lifecycle_secret WHERE name = :n").bind("n", name)
                .mapTo(String.class).findOne();
    }

    void insertSecret(Handle h, String name, String secret) {
        h.createUpdate("INSERT INTO lifecycle_secret (name, secret) VALUES (:n, :s)").bind("n", name)
                .bind("s", secret).execute();
    }

    boolean erasedBefore(Handle h, String pseudonym) {
        return h.createQuery("SELECT COUNT(*) FROM lifecycle_erasure WHERE pseudonym = :p").bind("p", pseudonym)
                .mapTo(Long.class).one() > 0;
    }

    /** Records (or, on a repeat, updates) the erasure of {@code pseudonym}; the report holds counts only. */
    void recordErasure(Handle h, String pseudonym, Instant at, String by, String reportJson, boolean repeated) {
        String sql = repeated
                ? "UPDATE lifecycle_erasure SET erased_at = :at, erased_by = :by, report_json = :r WHERE pseudonym = :p"
                : "INSERT INTO lifecycle_erasure (pseudonym, erased_at, erased_by, report_json) VALUES (:p, :at, :by, :r)";
        h.createUpdate(sql).bind("p", pseudonym).bind("at", Sql.utc(at)).bind("by", by).bind("r", reportJson)
                .execute();
    }
}
