package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import dev.kotak.server.config.InvalidConfigurationException;
import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/** A server with a configuration error stops before it serves: nothing is bound, nothing is written. */
class InvalidConfigurationTest {
    @Test
    void theServerRefusesToStartAndBindsNothing() throws Exception {
        try (TestServer server = TestServer.on(Database.DERBY)) {
            String pop3 = server.home().read("pop3server.xml");
            // An unclosed element: pop3server.xml is no longer well-formed.
            server.home().write("pop3server.xml", pop3.replaceFirst("</pop3server>", ""));

            assertThatThrownBy(server::start)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("pop3server.xml:");
            assertThat(isListening(server.home().port(25))).isFalse();
            assertThat(server.home().root().resolve("var")).doesNotExist();
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
