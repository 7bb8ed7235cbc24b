package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** How screens name a person who may have been erased: the applicant, a held message's author, a host, a creator. */
class ErasedUsersTest {
    private final I18n english = new I18n(Locale.ENGLISH);
    private final I18n chinese = new I18n(Locale.SIMPLIFIED_CHINESE);

    @Test
    void aPseudonymWithoutNicknameReadsErasedUserInTheUiLanguage() {
        assertThat(ErasedUsers.name(english, "erased-3f9a", null)).isEqualTo("erased user");
        assertThat(ErasedUsers.name(english, "erased-3f9a", "[erased]")).isEqualTo("erased user");
        assertThat(ErasedUsers.name(chinese, "erased-3f9a", "")).isEqualTo("已注销用户");
        assertThat(ErasedUsers.name(english, "u-42", "小明")).isEqualTo("小明");
        assertThat(ErasedUsers.id(english, "erased-3f9a")).isEqualTo("erased user (erased-3f9a)");
    }

    @Test
    void aNameThatErasureReplacedOrThatIsGoneReadsErasedUser() {
        assertThat(ErasedUsers.name(english, "[erased]")).isEqualTo("erased user");
        assertThat(ErasedUsers.name(chinese, "[erased]")).isEqualTo("已注销用户");
        assertThat(ErasedUsers.name(english, (String) null)).isEqualTo("erased user");
        assertThat(ErasedUsers.name(english, "晴天Sunny")).isEqualTo("晴天Sunny");
        assertThat(ErasedUsers.name(english, "[erased] fan")).as("only the whole replacement").isEqualTo("[erased] fan");
    }
}
