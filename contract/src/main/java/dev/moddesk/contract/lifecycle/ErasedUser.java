package dev.moddesk.contract.lifecycle;

/**
 * How an erased user looks in other records: their user id is replaced by a pseudonym starting with {@link #PREFIX}
 * and their nickname is gone. Screens show "erased user" for such an applicant.
 */
public final class ErasedUser {

    public static final String PREFIX = "erased-";

    /** What stands where an erased person's name or free text was (a room's host name, a creator's display name). */
    public static final String ERASED_TEXT = "[erased]";

    private ErasedUser() {
    }

    /** True for an applicant (or participant) whose data was erased: a pseudonym id and no nickname. */
    public static boolean isErased(String userId, String nickname) {
        return userId != null && userId.startsWith(PREFIX)
                && (nickname == null || nickname.isEmpty() || ERASED_TEXT.equals(nickname));
    }

    /** True for a name that erasure replaced ({@link #ERASED_TEXT}), where no user id comes with it. */
    public static boolean isErasedName(String name) {
        return ERASED_TEXT.equals(name);
    }
}
