package dev.kotak.pop3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.junit.jupiter.api.Test;

import dev.kotak.pop3.protocol.BadCommandReply;
import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;

class UserCommandTest {
    private final POP3Session session = mock(POP3Session.class);

    @Test
    void userIsAcceptedAndRemembered() {
        given(POP3Session.AUTHENTICATION_READY, false);

        assertThat(text(user(Pop3Config.DEFAULTS, "alice@example.org"))).isEqualTo("+OK");
        verify(session).setUsername(Username.of("alice@example.org"));
        verify(session).setHandlerState(POP3Session.AUTHENTICATION_USERSET);
    }

    @Test
    void aDeviceSuffixIsNotPartOfTheSessionsUserName() {
        given(POP3Session.AUTHENTICATION_READY, false);

        assertThat(text(user(Pop3Config.DEFAULTS, "alice@example.org#phone"))).isEqualTo("+OK");
        verify(session).setUsername(Username.of("alice@example.org"));
        verify(session).setAttachment(any(), eq(LoginName.parse("alice@example.org#phone")), any());
    }

    @Test
    void anInvalidDeviceIsAcceptedHereAndRefusedAtPass() {
        given(POP3Session.AUTHENTICATION_READY, false);

        assertThat(text(user(Pop3Config.DEFAULTS, "alice@example.org#bad name"))).isEqualTo("+OK");
        assertThat(text(user(Pop3Config.DEFAULTS, "alice@example.org#"))).isEqualTo("+OK");
        assertThat(text(user(Pop3Config.DEFAULTS, "#phone"))).isEqualTo("-ERR Invalid user name.");
    }

    @Test
    void userInTransactionChangesNothing() {
        given(POP3Session.TRANSACTION, false);

        Response response = user(Pop3Config.DEFAULTS, "bob");

        assertThat(text(response)).isEqualTo("-ERR Already logged in.");
        assertThat(response).isInstanceOf(BadCommandReply.class);
        verify(session, never()).setUsername(any());
        verify(session, never()).setHandlerState(POP3Session.AUTHENTICATION_USERSET);
    }

    @Test
    void plaintextRefusedBeforeTlsPointsAtStls() {
        given(POP3Session.AUTHENTICATION_READY, false);
        when(session.isStartTLSSupported()).thenReturn(true);

        assertThat(text(user(Pop3Config.builder().requireTls(true).build(), "alice")))
            .isEqualTo("-ERR [AUTH] Plaintext authentication disallowed on non-secure connections; use STLS first.");
        verify(session, never()).setUsername(any());
    }

    @Test
    void plaintextRefusedOnAListenerWithoutStls() {
        given(POP3Session.AUTHENTICATION_READY, false);

        assertThat(text(user(Pop3Config.builder().requireTls(true).build(), "alice")))
            .isEqualTo("-ERR [AUTH] Plaintext authentication disallowed on non-secure connections.");
    }

    @Test
    void plaintextAllowedOverTls() {
        given(POP3Session.AUTHENTICATION_READY, true);

        assertThat(text(user(Pop3Config.builder().requireTls(true).build(), "alice"))).isEqualTo("+OK");
    }

    @Test
    void missingOrInvalidNames() {
        given(POP3Session.AUTHENTICATION_READY, false);

        assertThat(text(user(Pop3Config.DEFAULTS, null))).isEqualTo("-ERR Usage: USER name");
        assertThat(text(user(Pop3Config.DEFAULTS, "a@b@c"))).isEqualTo("-ERR Invalid user name.");
    }

    private Response user(Pop3Config config, String argument) {
        return new UserCommand(mock(MetricFactory.class), Pop3Settings.of(config)).handle(session, argument);
    }

    private void given(int state, boolean tls) {
        when(session.getHandlerState()).thenReturn(state);
        when(session.isTLSStarted()).thenReturn(tls);
        when(session.getRemoteAddress()).thenReturn(new InetSocketAddress("192.0.2.7", 50000));
    }

    private static String text(Response response) {
        return String.join("\n", response.getLines());
    }
}
