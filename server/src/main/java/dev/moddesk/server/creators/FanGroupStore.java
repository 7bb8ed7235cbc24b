package dev.moddesk.server.creators;

import static dev.moddesk.server.core.Sql.instant;
import static dev.moddesk.server.core.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of fan groups. */
final class FanGroupStore {

    private static CreatorRows.Group group(ResultSet rs) throws SQLException {
        return new CreatorRows.Group(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
                rs.getInt("members"), rs.getInt("capacity"), instant(rs, "created_at"), rs.getInt("display_order"));
    }

    /** A creator's groups in display order. */
    List<CreatorRows.Group> groups(Handle h, long creatorId) {
        return h.createQuery("SELECT * FROM creator_fan_group WHERE creator_id = :id ORDER BY display_order, id")
                .bind("id", creatorId).map((rs, ctx) -> group(rs)).list();
    }

    Map<Long, List<CreatorRows.Group>> groupsOf(Handle h, Collection<Long> creatorIds) {
        Map<Long, List<CreatorRows.Group>> all = new LinkedHashMap<>();
        creatorIds.forEach(id -> all.put(id, new ArrayList<>()));
        if (creatorIds.isEmpty()) {
            return all;
        }
        h.createQuery("SELECT * FROM creator_fan_group WHERE creator_id IN (<ids>)"
                        + " ORDER BY creator_id, display_order, id")
                .bindList("ids", List.copyOf(creatorIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("creator_id"), group(rs)))
                .forEach(e -> all.get(e.getKey()).add(e.getValue()));
        return all;
    }

    Map<Long, Integer> groupCounts(Handle h, Collection<Long> creatorIds) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        creatorIds.forEach(id -> counts.put(id, 0));
        if (creatorIds.isEmpty()) {
            return counts;
        }
        h.createQuery("SELECT creator_id, COUNT(*) AS n FROM creator_fan_group WHERE creator_id IN (<ids>)"
                        + " GROUP BY creator_id")
                .bindList("ids", List.copyOf(creatorIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("creator_id"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    Optional<Long> creatorOfGroup(Handle h, String externalId) {
        return h.createQuery("SELECT creator_id FROM creator_fan_group WHERE external_id = :ext")
                .bind("ext", externalId).mapTo(Long.class).findOne();
    }

    /** A new group goes last in its creator's display order. */
    void insert(Handle h, long creatorId, String externalId, String name, int members, int capacity,
                Instant createdAt) {
        h.createUpdate("""
                INSERT INTO creator_fan_group (external_id, creator_id, name, members, capacity, created_at, display_order)
                VALUES (:ext, :creator, :name, :members, :capacity, :created,
                        (SELECT COALESCE(MAX(display_order), 0) + 1 FROM creator_fan_group WHERE creator_id = :creator))""")
                .bind("ext", externalId).bind("creator", creatorId).bind("name", name).bind("members", members)
                .bind("capacity", capacity).bind("created", utc(createdAt)).execute();
    }

    int update(Handle h, String externalId, String name, int members, int capacity) {
        return h.createUpdate("UPDATE creator_fan_group SET name = :name, members = :members, capacity = :capacity"
                        + " WHERE external_id = :ext")
                .bind("ext", externalId).bind("name", name).bind("members", members).bind("capacity", capacity)
                .execute();
    }

    int delete(Handle h, String externalId) {
        return h.createUpdate("DELETE FROM creator_fan_group WHERE external_id = :ext").bind("ext", externalId)
                .execute();
    }

    /** Numbers the groups 1… in the order of {@code groupIds}. */
    void renumber(Handle h, List<Long> groupIds) {
        if (groupIds.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("UPDATE creator_fan_group SET display_order = :order WHERE id = :id");
        for (int i = 0; i < groupIds.size(); i++) {
            batch.bind("order", i + 1).bind("id", groupIds.get(i)).add();
        }
        batch.execute();
    }
}
