package dev.moddesk.contract.lifecycle;

/**
 * How an erased user looks in other records: their user id is replaced by a pseudonym starting with {@link #PREFIX}
 * and their nickname is gone. Screens show "erased user" for such an applicant.
 */
public final class ErasedUser {

    public static final String PREFIX = "erased-";

    private ErasedUser() {
    }

    /** True for an applicant (or participant) whose data was erased: a pseudonym id and no nickname. */
    public static boolean isErased(String userId, String nickname) {
        return userId != null && userId.startsWith(PREFIX) && (nickname == null || nickname.isEmpty());
    }
}
