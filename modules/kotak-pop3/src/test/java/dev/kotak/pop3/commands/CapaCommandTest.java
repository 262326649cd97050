package dev.kotak.pop3.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import dev.kotak.pop3.Pop3Version;
import dev.kotak.pop3.maildrop.Maildrop;
import dev.kotak.pop3.maildrop.MaildropPolicy;
import dev.kotak.pop3.maildrop.Rfc1939MaildropPolicy;
import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;
import dev.kotak.pop3.testing.CapturedLog;

class CapaCommandTest {
    private static final String IMPLEMENTATION = "IMPLEMENTATION Kotak " + Pop3Version.get();
    private final POP3Session session = mock(POP3Session.class);

    @Test
    void beforeLoginOnAListenerWithStls() {
        given(POP3Session.AUTHENTICATION_READY, true, false, "192.0.2.7");

        assertThat(capa(Pop3Config.DEFAULTS)).containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
            "PIPELINING", "USER", "SASL PLAIN", "STLS", IMPLEMENTATION);
    }

    @Test
    void afterStlsStlsIsGone() {
        given(POP3Session.AUTHENTICATION_READY, true, true, "192.0.2.7");

        assertThat(capa(Pop3Config.DEFAULTS)).doesNotContain("STLS").contains("USER", "SASL PLAIN");
    }

    @Test
    void plaintextLoginHiddenUntilTls() {
        given(POP3Session.AUTHENTICATION_READY, true, false, "192.0.2.7");

        assertThat(capa(Pop3Config.builder().requireTls(true).build()))
            .containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "STLS", IMPLEMENTATION);
    }

    @Test
    void loopbackMayBeExempted() {
        given(POP3Session.AUTHENTICATION_READY, true, false, "127.0.0.1");

        assertThat(capa(Pop3Config.builder().requireTls(true).exemptLoopback(true).build())).contains("USER");
        assertThat(capa(Pop3Config.builder().requireTls(true).build())).doesNotContain("USER");
    }

    @Test
    void afterLoginNoUserSaslOrStls() {
        given(POP3Session.TRANSACTION, true, false, "192.0.2.7");

        assertThat(capa(Pop3Config.DEFAULTS)).containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
            "PIPELINING", IMPLEMENTATION);
    }

    @Test
    void otherHandlersAddTheirCapabilitiesPerSession() throws Exception {
        given(POP3Session.TRANSACTION, false, true, "192.0.2.7");
        CapaCommand capa = new CapaCommand(mock(MetricFactory.class), Pop3Settings.of(Pop3Config.DEFAULTS),
            new Rfc1939MaildropPolicy());
        CapaCapability expire = s -> s.getHandlerState() == POP3Session.TRANSACTION ? Set.of("EXPIRE 30") : Set.of();
        capa.wireExtensions(CapaCapability.class, List.of(expire, capa, (CapaCapability) s -> Set.of("TOP")));

        assertThat(capa.capabilities(session)).endsWith(IMPLEMENTATION, "EXPIRE 30");
    }

    @Test
    void beforeLoginThePolicyAddsItsUserIndependentCapabilities() {
        given(POP3Session.AUTHENTICATION_READY, true, false, "192.0.2.7");

        assertThat(capa(Pop3Config.DEFAULTS, new CapaPolicy())).endsWith(IMPLEMENTATION, "EXPIRE 0 USER",
            "LOGIN-DELAY 900 USER");
    }

    @Test
    void afterLoginThePolicyAddsTheSessionsCapabilitiesOnly() {
        given(POP3Session.TRANSACTION, true, false, "192.0.2.7");
        Maildrop maildrop = mock(Maildrop.class);
        when(maildrop.listing()).thenReturn(List.of());
        when(maildrop.capabilities()).thenReturn(List.of("EXPIRE 30", "LOGIN-DELAY 900"));
        Transaction transaction = Transaction.begin(session, maildrop);
        doReturn(Optional.of(transaction)).when(session).getAttachment(any(), eq(ProtocolSession.State.Transaction));

        assertThat(capa(Pop3Config.DEFAULTS, new CapaPolicy())).endsWith(IMPLEMENTATION, "EXPIRE 30", "LOGIN-DELAY 900")
            .doesNotContain("EXPIRE 0 USER", "LOGIN-DELAY 900 USER");
    }

    @Test
    void eachCapabilityNameOnceTheFirstSourceWins() throws Exception {
        given(POP3Session.AUTHENTICATION_READY, true, false, "192.0.2.7");
        CapaCommand capa = new CapaCommand(mock(MetricFactory.class), Pop3Settings.of(Pop3Config.DEFAULTS),
            new CapaPolicy() {
                @Override
                public List<String> capabilitiesBeforeLogin() {
                    return List.of("expire 0 USER", "SASL CRAM-MD5", "IMPLEMENTATION Other", "TOP", "LOGIN-DELAY 60");
                }
            });
        capa.wireExtensions(CapaCapability.class, List.of((CapaCapability) s -> Set.of("EXPIRE 30")));

        assertThat(capa.capabilities(session)).containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
            "PIPELINING", "USER", "SASL PLAIN", "STLS", IMPLEMENTATION, "EXPIRE 30", "LOGIN-DELAY 60");
    }

    @Test
    void aFailingPolicyLosesItsLinesNotTheAnswer() {
        given(POP3Session.AUTHENTICATION_READY, true, false, "192.0.2.7");
        MaildropPolicy failing = new CapaPolicy() {
            @Override
            public List<String> capabilitiesBeforeLogin() {
                throw new IllegalStateException("policy bug");
            }
        };

        try (CapturedLog log = CapturedLog.attach()) {
            assertThat(capa(Pop3Config.DEFAULTS, failing)).endsWith(IMPLEMENTATION);
            assertThat(log.at(Level.ERROR)).isEmpty();
            assertThat(log.at(Level.WARN)).hasSize(1);
        }
    }

    private List<String> capa(Pop3Config config) {
        return capa(config, new Rfc1939MaildropPolicy());
    }

    private List<String> capa(Pop3Config config, MaildropPolicy policy) {
        return new CapaCommand(mock(MetricFactory.class), Pop3Settings.of(config), policy).capabilities(session);
    }

    /** EXPIRE and LOGIN-DELAY as a retention policy would announce them (RFC 2449 sections 6.7, 6.8). */
    private static class CapaPolicy extends Rfc1939MaildropPolicy {
        @Override
        public List<String> capabilitiesBeforeLogin() {
            return List.of("EXPIRE 0 USER", "LOGIN-DELAY 900 USER");
        }
    }

    private void given(int state, boolean startTlsSupported, boolean tlsStarted, String address) {
        when(session.getHandlerState()).thenReturn(state);
        when(session.isStartTLSSupported()).thenReturn(startTlsSupported);
        when(session.isTLSStarted()).thenReturn(tlsStarted);
        when(session.getRemoteAddress()).thenReturn(new InetSocketAddress(address, 50000));
    }
}
