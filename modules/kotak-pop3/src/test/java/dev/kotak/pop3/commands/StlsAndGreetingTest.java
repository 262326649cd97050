package dev.kotak.pop3.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StartTlsResponse;
import org.apache.james.protocols.pop3.POP3Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;

class StlsAndGreetingTest {
    private final POP3Session session = mock(POP3Session.class);
    private final StlsCommand stls = new StlsCommand(mock(MetricFactory.class));

    @TempDir
    Path conf;

    @Test
    void stlsWithoutTlsSupportIsARefusalNotAnError() {
        when(session.getHandlerState()).thenReturn(POP3Session.AUTHENTICATION_READY);

        assertThat(text(stls.handle(session, null))).isEqualTo("-ERR TLS support isn't enabled.");
    }

    @Test
    void stlsStartsTls() {
        when(session.getHandlerState()).thenReturn(POP3Session.AUTHENTICATION_USERSET);
        when(session.isStartTLSSupported()).thenReturn(true);

        Response response = stls.handle(session, null);

        assertThat(response).isInstanceOf(StartTlsResponse.class);
        assertThat(text(response)).isEqualTo("+OK Begin TLS negotiation.");
    }

    @Test
    void stlsTwice() {
        when(session.isStartTLSSupported()).thenReturn(true);
        when(session.isTLSStarted()).thenReturn(true);

        assertThat(text(stls.handle(session, null))).isEqualTo("-ERR TLS is already active.");
    }

    @Test
    void stlsAfterLoginAndWithArguments() {
        when(session.getHandlerState()).thenReturn(POP3Session.TRANSACTION);

        assertThat(text(stls.handle(session, null))).isEqualTo("-ERR Already logged in.");
        assertThat(text(stls.handle(session, "now"))).isEqualTo("-ERR STLS takes no arguments.");
    }

    @Test
    void theGreetingHasNoApopTimestampAndEndsInjectionDetectionWithoutStarttls() {
        Response greeting = new GreetingHandler(Pop3Settings.of(Pop3Config.DEFAULTS)).onConnect(session);

        assertThat(text(greeting)).isEqualTo("+OK Kotak POP3 server ready.");
        verify(session).stopDetectingCommandInjection();
    }

    @Test
    void theGreetingKeepsInjectionDetectionWhereStarttlsIsOffered() {
        when(session.isStartTLSSupported()).thenReturn(true);

        new GreetingHandler(Pop3Settings.of(Pop3Config.DEFAULTS)).onConnect(session);

        verify(session, never()).stopDetectingCommandInjection();
    }

    @Test
    void anInvalidPop3XmlStopsTheListenerAtInit() throws Exception {
        Files.writeString(conf.resolve("pop3.xml"), "<pop3>\n  <uidl format=\"md5\"/>\n</pop3>\n");
        GreetingHandler greeting = new GreetingHandler(new Pop3Settings(conf.resolve("pop3.xml")));

        assertThatThrownBy(() -> greeting.init(new BaseConfiguration()))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("pop3.xml:2:9: attribute 'format' on element 'uidl' has value 'md5'");
    }

    @Test
    void aMissingPop3XmlMeansDefaults() throws Exception {
        Pop3Settings settings = new Pop3Settings(conf.resolve("pop3.xml"));
        new GreetingHandler(settings).init(new BaseConfiguration());

        assertThat(settings.current()).isEqualTo(Pop3Config.DEFAULTS);
    }

    private static String text(Response response) {
        return String.join("\n", response.getLines());
    }
}
