package dev.moddesk.server.creators;

import static dev.moddesk.server.core.Sql.instant;
import static dev.moddesk.server.core.Sql.utc;

import dev.moddesk.contract.creators.QuotaRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL of quota requests; rows come with their creator's display name. */
final class QuotaRequestStore {

    private static final String SELECT = "SELECT q.*, c.display_name FROM creator_quota_request q"
            + " JOIN creator c ON c.id = q.creator_id";

    private static QuotaRequest request(ResultSet rs) throws SQLException {
        int granted = rs.getInt("granted");
        return new QuotaRequest(rs.getLong("id"), rs.getString("external_id"), rs.getLong("creator_id"),
                rs.getString("display_name"), rs.getString("setting"), rs.getInt("current_value"),
                rs.getInt("requested"), rs.getString("justification"),
                QuotaRequest.Status.valueOf(rs.getString("status")), rs.wasNull() ? null : granted,
                rs.getString("note"), rs.getString("decided_by"), instant(rs, "requested_at"),
                instant(rs, "decided_at"), rs.getInt("version"));
    }

    boolean exists(Handle h, String externalId) {
        return h.createQuery("SELECT COUNT(*) FROM creator_quota_request WHERE external_id = :ext")
                .bind("ext", externalId).mapTo(Integer.class).one() > 0;
    }

    void insert(Handle h, String externalId, long creatorId, String setting, int current, int requested,
                String justification, Instant requestedAt) {
        h.createUpdate("""
                INSERT INTO creator_quota_request (external_id, creator_id, setting, current_value, requested,
                                                   justification, status, requested_at, version)
                VALUES (:ext, :creator, :setting, :current, :requested, :justification, 'PENDING', :at, 1)""")
                .bind("ext", externalId).bind("creator", creatorId).bind("setting", setting)
                .bind("current", current).bind("requested", requested).bind("justification", justification)
                .bind("at", utc(requestedAt)).execute();
    }

    Optional<QuotaRequest> request(Handle h, long id, boolean forUpdate) {
        if (forUpdate) {
            // Locked on its own: H2 takes no FOR UPDATE OF on a join.
            h.createQuery("SELECT id FROM creator_quota_request WHERE id = :id FOR UPDATE").bind("id", id)
                    .mapTo(Long.class).findOne();
        }
        return h.createQuery(SELECT + " WHERE q.id = :id").bind("id", id).map((rs, ctx) -> request(rs)).findOne();
    }

    /** Requests with {@code status} (all when null), oldest first, after {@code afterId}. */
    List<QuotaRequest> page(Handle h, QuotaRequest.Status status, long afterId, int limit) {
        Query q = h.createQuery(SELECT + " WHERE q.id > :after" + (status != null ? " AND q.status = :status" : "")
                + " ORDER BY q.id LIMIT :limit").bind("after", afterId).bind("limit", limit);
        if (status != null) {
            q.bind("status", status.name());
        }
        return q.map((rs, ctx) -> request(rs)).list();
    }

    /** A creator's requests other than {@code exceptId}, newest first. */
    List<QuotaRequest> ofCreator(Handle h, long creatorId, long exceptId, int limit) {
        return h.createQuery(SELECT + " WHERE q.creator_id = :creator AND q.id <> :except ORDER BY q.id DESC LIMIT :limit")
                .bind("creator", creatorId).bind("except", exceptId).bind("limit", limit)
                .map((rs, ctx) -> request(rs)).list();
    }

    int decide(Handle h, long id, int expectedVersion, QuotaRequest.Status status, Integer granted, String note,
               String decidedBy, Instant now) {
        return h.createUpdate("""
                UPDATE creator_quota_request SET status = :status, granted = :granted, note = :note,
                       decided_by = :by, decided_at = :now, version = version + 1
                WHERE id = :id AND version = :version AND status = 'PENDING'""")
                .bind("id", id).bind("version", expectedVersion).bind("status", status.name())
                .bind("granted", granted).bind("note", note).bind("by", decidedBy).bind("now", utc(now)).execute();
    }
}
