package dev.moddesk.app.rooms;

/**
 * What a monitor's chat list shows: lines whose author id or name contains {@code user}, whose text contains
 * {@code text} (both ignoring case), only flagged or only watched ones. Gap markers always show (a moderator must see
 * that something is missing whatever the filter); notices only when nothing is filtered.
 */
public record ChatFilter(String user, String text, boolean flaggedOnly, boolean watchedOnly) {
    public static final ChatFilter NONE = new ChatFilter("", "", false, false);

    public ChatFilter {
        user = user == null ? "" : user.strip();
        text = text == null ? "" : text.strip();
    }

    public boolean none() {
        return user.isEmpty() && text.isEmpty() && !flaggedOnly && !watchedOnly;
    }

    public boolean test(ChatRow row) {
        return switch (row) {
            case GapRow gap -> true;
            case NoticeRow notice -> none();
            case ChatLine line -> (!flaggedOnly || line.flagged())
                    && (!watchedOnly || line.watched())
                    && (user.isEmpty() || contains(line.user().id(), user) || contains(line.user().name(), user))
                    && (text.isEmpty() || contains(line.text(), text));
        };
    }

    /** Case-insensitive containment without allocating (run over 100,000 lines when a filter changes). */
    static boolean contains(String haystack, String needle) {
        int last = haystack.length() - needle.length();
        for (int i = 0; i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}
