package dev.moddesk.server.rooms.words;

import dev.moddesk.contract.rooms.WordTerm;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of {@code word_list_term} and {@code word_list_state} (V50); every method runs in the caller's handle. */
final class WordListStore {

    private static final String COLUMNS = "id, term, category, action, expires_at, version, updated_at, updated_by";

    /** A term as it is stored; {@code key} is the folded form that makes two terms the same. */
    record Row(String term, String key, String category, String action, Instant expiresAt) {
    }

    List<WordTerm> all(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM word_list_term ORDER BY id")
                .map((rs, ctx) -> term(rs)).list();
    }

    Optional<WordTerm> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM word_list_term WHERE id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> term(rs)).findOne();
    }

    /** The id of the term whose folded form is {@code key}, if any. */
    Optional<Long> idOfKey(Handle h, String key) {
        return h.createQuery("SELECT id FROM word_list_term WHERE term_key = :key")
                .bind("key", key).mapTo(Long.class).findOne();
    }

    int count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM word_list_term").mapTo(Integer.class).one();
    }

    long insert(Handle h, Row row, String by, Instant now) {
        return h.createUpdate("INSERT INTO word_list_term (term, term_key, category, action, expires_at, version,"
                        + " updated_at, updated_by) VALUES (:term, :key, :category, :action, :expires, 1, :at, :by)")
                .bind("term", row.term()).bind("key", row.key()).bind("category", row.category())
                .bind("action", row.action()).bind("expires", utc(row.expiresAt())).bind("at", utc(now))
                .bind("by", by).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Writes the new state if the term is still at {@code version}; false if it moved on meanwhile. */
    boolean update(Handle h, long id, int version, Row row, String by, Instant now) {
        return h.createUpdate("UPDATE word_list_term SET term = :term, term_key = :key, category = :category,"
                        + " action = :action, expires_at = :expires, version = version + 1, updated_at = :at,"
                        + " updated_by = :by WHERE id = :id AND version = :version")
                .bind("term", row.term()).bind("key", row.key()).bind("category", row.category())
                .bind("action", row.action()).bind("expires", utc(row.expiresAt())).bind("at", utc(now))
                .bind("by", by).bind("id", id).bind("version", version).execute() == 1;
    }

    boolean delete(Handle h, long id, int version) {
        return h.createUpdate("DELETE FROM word_list_term WHERE id = :id AND version = :version")
                .bind("id", id).bind("version", version).execute() == 1;
    }

    /** Raises the list's version by one, holding its row lock until the transaction ends; returns the new one. */
    long bumpVersion(Handle h) {
        h.createUpdate("UPDATE word_list_state SET version = version + 1 WHERE id = 1").execute();
        return version(h);
    }

    long version(Handle h) {
        return h.createQuery("SELECT version FROM word_list_state WHERE id = 1").mapTo(Long.class).one();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static WordTerm term(ResultSet rs) throws SQLException {
        OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
        return new WordTerm(rs.getLong("id"), rs.getString("term"), rs.getString("category"), rs.getString("action"),
                expires == null ? null : expires.toInstant(), rs.getInt("version"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }
}
