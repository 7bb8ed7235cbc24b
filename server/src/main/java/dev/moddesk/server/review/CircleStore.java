package dev.moddesk.server.review;

import static dev.moddesk.server.review.ApplicationStore.row;
import static dev.moddesk.server.review.ApplicationStore.ts;

import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.CircleQuestion;
import dev.moddesk.contract.review.JoinMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL of circles (with their questions) and of the secrets nodes share. */
final class CircleStore {

    record CircleWrite(String externalId, String name, String city, String topic, JoinMode joinMode,
                       List<String> questions, int memberCount, String ownerName, String ownerId) {
    }

    long upsertCircle(Handle h, CircleWrite c, Instant now) {
        Optional<Map.Entry<Long, String>> existing = h.createQuery("SELECT id, city FROM review_circle WHERE external_id = :ext")
                .bind("ext", c.externalId()).map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("city"))).findOne();
        long id;
        if (existing.isPresent()) {
            id = existing.get().getKey();
            if (!existing.get().getValue().equals(c.city())) {
                // The applications carry the circle's city for the queue's indexes (V90): they move with it.
                h.createUpdate("UPDATE review_application SET city = :city WHERE circle_id = :id")
                        .bind("city", c.city()).bind("id", id).execute();
            }
            h.createUpdate("""
                    UPDATE review_circle SET name = :name, city = :city, topic = :topic, join_mode = :mode,
                           member_count = :members, owner_name = :owner, owner_id = :ownerId, updated_at = :now
                     WHERE id = :id""")
                    .bind("id", id).bind("name", c.name()).bind("city", c.city()).bind("topic", c.topic())
                    .bind("mode", c.joinMode().name()).bind("members", c.memberCount()).bind("owner", c.ownerName())
                    .bind("ownerId", c.ownerId())
                    .bind("now", ts(now)).execute();
            h.createUpdate("DELETE FROM review_circle_question WHERE circle_id = :id").bind("id", id).execute();
        } else {
            id = h.createUpdate("""
                    INSERT INTO review_circle (external_id, name, city, topic, join_mode, member_count, owner_name, owner_id,
                                               updated_at)
                    VALUES (:ext, :name, :city, :topic, :mode, :members, :owner, :ownerId, :now)""")
                    .bind("ext", c.externalId()).bind("name", c.name()).bind("city", c.city()).bind("topic", c.topic())
                    .bind("mode", c.joinMode().name()).bind("members", c.memberCount()).bind("owner", c.ownerName())
                    .bind("ownerId", c.ownerId())
                    .bind("now", ts(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        }
        var batch = h.prepareBatch("INSERT INTO review_circle_question (circle_id, position, text) VALUES (:c, :p, :t)");
        for (int i = 0; i < c.questions().size(); i++) {
            batch.bind("c", id).bind("p", i + 1).bind("t", c.questions().get(i)).add();
        }
        if (!c.questions().isEmpty()) {
            batch.execute();
        }
        return id;
    }

    Optional<Long> circleIdByExternal(Handle h, String externalId) {
        return h.createQuery("SELECT id FROM review_circle WHERE external_id = :ext").bind("ext", externalId)
                .mapTo(Long.class).findOne();
    }

    List<Circle> circles(Handle h, String city, Set<String> scope) {
        StringBuilder sql = new StringBuilder("SELECT * FROM review_circle WHERE 1 = 1");
        if (city != null) {
            sql.append(" AND city = :city");
        }
        if (!scope.isEmpty()) {
            sql.append(" AND city IN (<scope>)");
        }
        sql.append(" ORDER BY city, name, id");
        Query q = h.createQuery(sql.toString());
        if (city != null) {
            q.bind("city", city);
        }
        if (!scope.isEmpty()) {
            q.bindList("scope", List.copyOf(scope));
        }
        List<Circle> bare = q.map((rs, ctx) -> circle(rs, List.of())).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<Long, List<CircleQuestion>> questions = questionsOf(h, bare.stream().map(Circle::id).toList());
        return bare.stream().map(c -> withQuestions(c, questions.getOrDefault(c.id(), List.of()))).toList();
    }

    /** One circle with its questions, in one round trip (one row per question, or one row when it has none). */
    Optional<Circle> circle(Handle h, long id) {
        List<CircleQuestion> questions = new ArrayList<>();
        List<Circle> bare = h.createQuery("""
                        SELECT c.*, q.position AS q_position, q.text AS q_text
                        FROM review_circle c LEFT JOIN review_circle_question q ON q.circle_id = c.id
                        WHERE c.id = :id ORDER BY q.position""").bind("id", id)
                .map((rs, ctx) -> {
                    String text = rs.getString("q_text");
                    if (text != null) {
                        questions.add(new CircleQuestion(rs.getInt("q_position"), text));
                    }
                    return circle(rs, List.of());
                }).list();
        return bare.isEmpty() ? Optional.empty() : Optional.of(withQuestions(bare.getFirst(), List.copyOf(questions)));
    }

    private static Circle circle(ResultSet rs, List<CircleQuestion> questions) throws SQLException {
        return new Circle(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), rs.getString("city"),
                rs.getString("topic"), JoinMode.valueOf(rs.getString("join_mode")), questions, rs.getInt("member_count"),
                rs.getString("owner_name"));
    }

    private static Circle withQuestions(Circle c, List<CircleQuestion> q) {
        return new Circle(c.id(), c.externalId(), c.name(), c.city(), c.topic(), c.joinMode(), q, c.memberCount(), c.ownerName());
    }

    private Map<Long, List<CircleQuestion>> questionsOf(Handle h, Collection<Long> circleIds) {
        Map<Long, List<CircleQuestion>> out = new HashMap<>();
        h.createQuery("SELECT circle_id, position, text FROM review_circle_question WHERE circle_id IN (<ids>) ORDER BY circle_id, position")
                .bindList("ids", List.copyOf(circleIds))
                .map((rs, ctx) -> {
                    out.computeIfAbsent(rs.getLong("circle_id"), k -> new ArrayList<>())
                            .add(new CircleQuestion(rs.getInt("position"), rs.getString("text")));
                    return null;
                }).list();
        return out;
    }

    Optional<String> secret(Handle h, String name) {
        return h.createQuery("SELECT secret FROM review_secret WHERE name = :name").bind("name", name)
                .mapTo(String.class).findOne();
    }

    void insertSecret(Handle h, String name, String secret) {
        h.createUpdate("INSERT INTO review_secret (name, secret) VALUES (:name, :secret)").bind("name", name)
                .bind("secret", secret).execute();
    }
}
