package dev.kotak.pop3.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;
import org.junit.jupiter.api.Test;

import dev.kotak.pop3.Pop3Version;
import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;

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
        CapaCommand capa = new CapaCommand(mock(MetricFactory.class), Pop3Settings.of(Pop3Config.DEFAULTS));
        CapaCapability expire = s -> s.getHandlerState() == POP3Session.TRANSACTION ? Set.of("EXPIRE 30") : Set.of();
        capa.wireExtensions(CapaCapability.class, List.of(expire, capa, (CapaCapability) s -> Set.of("TOP")));

        assertThat(capa.capabilities(session)).endsWith(IMPLEMENTATION, "EXPIRE 30");
    }

    private List<String> capa(Pop3Config config) {
        return List.copyOf(new CapaCommand(mock(MetricFactory.class), Pop3Settings.of(config)).capabilities(session));
    }

    private void given(int state, boolean startTlsSupported, boolean tlsStarted, String address) {
        when(session.getHandlerState()).thenReturn(state);
        when(session.isStartTLSSupported()).thenReturn(startTlsSupported);
        when(session.isTLSStarted()).thenReturn(tlsStarted);
        when(session.getRemoteAddress()).thenReturn(new InetSocketAddress(address, 50000));
    }
}
