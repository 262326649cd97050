package dev.kotak.pop3.maildrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoginRefusalTest {
    @Test
    void theReplyTextCarriesTheResponseCode() {
        assertThat(LoginRefusal.of(LoginRefusal.Code.LOGIN_DELAY, "Logins must be at least 15 minutes apart")
            .replyText()).isEqualTo("[LOGIN-DELAY] Logins must be at least 15 minutes apart");
        assertThat(LoginRefusal.of(LoginRefusal.Code.AUTH, "Unknown device").replyText())
            .isEqualTo("[AUTH] Unknown device");
        assertThat(LoginRefusal.of(LoginRefusal.Code.SYS_PERM, "Account disabled").replyText())
            .isEqualTo("[SYS/PERM] Account disabled");
        assertThat(LoginRefusal.of(LoginRefusal.Code.SYS_TEMP, "x").code().text()).isEqualTo("SYS/TEMP");
        assertThat(LoginRefusal.of(LoginRefusal.Code.IN_USE, "x").code().text()).isEqualTo("IN-USE");
    }

    @Test
    void aValue() {
        assertThat(LoginRefusal.of(LoginRefusal.Code.AUTH, "a")).isEqualTo(LoginRefusal.of(LoginRefusal.Code.AUTH, "a"))
            .hasSameHashCodeAs(LoginRefusal.of(LoginRefusal.Code.AUTH, "a"))
            .isNotEqualTo(LoginRefusal.of(LoginRefusal.Code.SYS_PERM, "a"));
    }

    @Test
    void theTextMustFitOnAReplyLine() {
        assertThatThrownBy(() -> LoginRefusal.of(LoginRefusal.Code.AUTH, "two\r\nlines"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginRefusal.of(LoginRefusal.Code.AUTH, " "))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginRefusal.of(LoginRefusal.Code.AUTH, "t\u00e9l\u00e9phone"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginRefusal.of(LoginRefusal.Code.AUTH, "x".repeat(LoginRefusal.MAX_TEXT_LENGTH + 1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(LoginRefusal.of(LoginRefusal.Code.AUTH, "x".repeat(LoginRefusal.MAX_TEXT_LENGTH)).text())
            .hasSize(LoginRefusal.MAX_TEXT_LENGTH);
    }
}
