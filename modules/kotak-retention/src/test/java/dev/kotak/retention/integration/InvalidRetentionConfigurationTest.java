package dev.kotak.retention.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;

import org.junit.jupiter.api.Test;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/** A retention.xml the schema accepts but whose rules make no sense stops the server before anything listens. */
class InvalidRetentionConfigurationTest {

    @Test
    void anUnknownPolicyInAnAssignmentStopsTheServerWithFileLineAndColumn() {
        try (TestServer server = TestServer.on(Database.DERBY)) {
            server.home().write("retention.xml", "<retention>\n"
                + "  <assignments default=\"rfc1939\">\n"
                + "    <user name=\"alice@example.org\" policy=\"leave-14d\"/>\n"
                + "  </assignments>\n"
                + "</retention>\n");
            assertThatThrownBy(server::start).hasMessageContaining("retention.xml:3:")
                .hasMessageContaining("leave-14d");
            assertThat(listening(server.home().port(110))).isFalse();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
