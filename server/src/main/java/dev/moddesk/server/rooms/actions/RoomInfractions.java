package dev.moddesk.server.rooms.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.review.ApplicantHistory.Infraction;
import dev.moddesk.contract.rooms.RoomActionResult;
import dev.moddesk.server.core.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * A user's infractions in live rooms, newest first, for circle review's applicant history: mutes, kicks, warnings and
 * deleted messages against them (with the reason, who acted and whether it was lifted), and held messages staff
 * denied (the matched word categories as the reason). Unredacted: the reader's scope is review's to apply.
 */
public final class RoomInfractions {

    /** The sanctions that count against a user (their undo forms and room-wide actions do not). */
    static final List<String> SANCTIONS = List.of(RoomActionKind.USER_MUTE.wire(), RoomActionKind.USER_KICK.wire(),
            RoomActionKind.USER_WARN.wire(), RoomActionKind.MESSAGE_DELETE.wire());
    static final String DENIED = "message.deny";
    static final int MAX = 100;

    private final Jdbi jdbi;
    private final RoomInfractionStore store = new RoomInfractionStore();

    public RoomInfractions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Infraction> of(String userId) {
        List<Infraction> out = new ArrayList<>();
        jdbi.useHandle(h -> {
            for (var s : store.sanctions(h, userId, SANCTIONS, MAX)) {
                var action = action(s.responseJson());
                out.add(new Infraction(s.roomId(), s.title(), s.kind(), s.city(), s.action(),
                        action == null ? Map.of() : action.params(), action == null ? null : action.reason(), s.at(),
                        action == null ? null : action.staffName(), s.lifted(), s.liftedAt(), false));
            }
            for (var d : store.denials(h, userId, MAX)) {
                out.add(new Infraction(d.roomId(), d.title(), d.kind(), d.city(), DENIED, Map.of(),
                        categories(d.hitsJson()), d.at(), d.decidedBy(), false, null, false));
            }
        });
        out.sort(Comparator.comparing(Infraction::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
    }

    private static dev.moddesk.contract.rooms.ModerationAction action(String responseJson) {
        if (responseJson == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(responseJson, RoomActionResult.class).action();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The distinct word categories a held message matched, e.g. {@code contact, ads}; null when none. */
    private static String categories(String hitsJson) {
        try {
            TreeSet<String> names = new TreeSet<>();
            for (JsonNode hit : Json.mapper().readTree(hitsJson == null ? "[]" : hitsJson)) {
                if (hit.hasNonNull("category")) {
                    names.add(hit.get("category").asText());
                }
            }
            return names.isEmpty() ? null : String.join(", ", names);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
