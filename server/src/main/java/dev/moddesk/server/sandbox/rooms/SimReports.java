package dev.moddesk.server.sandbox.rooms;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Users of the simulated rooms report (举报) some of the abuse they see: about one abusive line in thirty, one to three
 * people present send {@code report.created} about the message (spam and contact selling as SPAM or FRAUD, insults as
 * HARASSMENT), and now and then about the user instead. Its own random source (seeded by the run), so adding reports
 * does not change the rest of the simulation's sequence. The platform obeys nothing new: {@code report.resolved}
 * only tells reporters the outcome.
 */
final class SimReports {

    private final SplittableRandom random;
    private final String run;
    private long seq;

    SimReports(String run) {
        this.run = run;
        this.random = new SplittableRandom(run.hashCode());
    }

    /** After {@code speaker}'s abusive line {@code messageId} was shown in {@code room}. */
    void abuseShown(SimRoom room, SimRoom.Person speaker, String messageId, String text, AbuseLines.Kind kind,
                    Instant now, RoomSink sink) {
        if (random.nextInt(30) != 0 || room.present.size() < 2) {
            return;
        }
        int reporters = 1 + random.nextInt(3);
        boolean aboutUser = random.nextInt(5) == 0;
        for (int i = 0; i < reporters; i++) {
            SimRoom.Person reporter = room.present.get(random.nextInt(room.present.size()));
            if (reporter.equals(speaker)) {
                continue;
            }
            String reportId = run + "-rep" + (++seq);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("reportId", reportId);
            p.put("roomId", room.id);
            p.put("targetKind", aboutUser ? "USER" : "MESSAGE");
            if (!aboutUser) {
                p.put("messageId", messageId);
                p.put("messageText", text);
            }
            p.put("targetUserId", speaker.id());
            p.put("targetNickname", speaker.nickname());
            p.put("reporterId", reporter.id());
            p.put("reason", switch (kind) {
                case CONTACT -> random.nextBoolean() ? "FRAUD" : "SPAM";
                case AD -> "SPAM";
                case INSULT -> "HARASSMENT";
            });
            if (random.nextInt(3) == 0) {
                p.put("text", kind == AbuseLines.Kind.INSULT ? "一直在骂人，请管管" : "又在发广告引流");
            }
            p.put("reportedAt", now.toString());
            sink.event(reportId, "report.created", now, p);
        }
    }
}
