package dev.moddesk.server.review;

import dev.moddesk.contract.review.DecisionRequest;
import java.util.Map;
import java.util.Objects;

/**
 * The message an applicant receives with a decision, in the applicant's language: built-in texts for approval and
 * a question, the reason code's own template for a rejection.
 */
final class ApplicantMessages {

    static final String DEFAULT_LOCALE = "zh-CN";

    private static final Map<String, String> APPROVED_TEMPLATES = Map.of(
            "zh-CN", "{nickname}，欢迎加入{circle}！",
            "en", "Welcome to {circle}, {nickname}!");
    private static final Map<String, String> NEEDS_INFO_TEMPLATES = Map.of(
            "zh-CN", "{nickname}，{circle}的管理员需要你补充信息：{question}",
            "en", "{nickname}, the moderators of {circle} need more information: {question}");

    private final ReviewJson json;

    ApplicantMessages(ReviewJson json) {
        this.json = json;
    }

    /** The message deciding {@code app} with {@code request} sends; {@code reason} is required for a rejection. */
    String message(ApplicationRow app, DecisionRequest request, ReasonCodeStore.ReasonRow reason) {
        Map<String, String> templates = switch (request.kind()) {
            case APPROVE -> APPROVED_TEMPLATES;
            case NEEDS_INFO -> NEEDS_INFO_TEMPLATES;
            case REJECT -> json.readStrings(reason.templatesJson());
        };
        String template = localized(templates, app.applicantLocale());
        return render(template, Map.of(
                "nickname", Objects.toString(app.applicantNickname(), ""),
                "circle", app.circleName(),
                "city", app.city(),
                "cooldownDays", String.valueOf(reason == null ? 0 : reason.cooldownDays()),
                "question", Objects.toString(request.question(), "")));
    }

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** The text for {@code locale}: exact, then its language, then zh-CN, then any. */
    static String localized(Map<String, String> byLocale, String locale) {
        String l = locale == null ? DEFAULT_LOCALE : locale;
        String v = byLocale.get(l);
        if (v == null && l.contains("-")) {
            v = byLocale.get(l.substring(0, l.indexOf('-')));
        }
        if (v == null) {
            v = byLocale.get(DEFAULT_LOCALE);
        }
        if (v == null) {
            v = byLocale.values().stream().findFirst().orElse("");
        }
        return v;
    }
}
