package dev.kotak.pop3.conformance;

import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.FreePorts;
import dev.kotak.server.testing.TestServer;

/**
 * The conformance suite against Kotak's own server, in this JVM, on the repository's {@code conf/} (Derby), with
 * the conformance {@code pop3.xml} and one more POP3 listener without TLS (for STLS where TLS is unavailable).
 */
class KotakServerConformanceTest extends Pop3ConformanceSuite {
    private static TestServer server;
    private static Pop3Target target;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.on(Database.DERBY);
        server.home().write("pop3.xml", ConformanceSettings.POP3_XML);
        int noTls = FreePorts.next();
        server.home().write("pop3server.xml", server.home().read("pop3server.xml")
            .replace("</pop3servers>", noTlsListener(noTls) + "</pop3servers>"));
        server.start();
        Mailboxes mailboxes = new WebAdminSmtpMailboxes("127.0.0.1", server.home().port(25), server.home().port(8000));
        target = new Pop3Target() {
            @Override
            public String name() {
                return "Kotak server in-process";
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int stlsPort() {
                return server.home().port(110);
            }

            @Override
            public OptionalInt implicitTlsPort() {
                return OptionalInt.of(server.home().port(995));
            }

            @Override
            public OptionalInt noTlsPort() {
                return OptionalInt.of(noTls);
            }

            @Override
            public Mailboxes mailboxes() {
                return mailboxes;
            }
        };
    }

    /** A listener with no {@code <tls>} at all: STLS is not available on it. */
    static String noTlsListener(int port) {
        return "    <pop3server enabled=\"true\">\n"
            + "        <jmxName>pop3server-notls</jmxName>\n"
            + "        <bind>127.0.0.1:" + port + "</bind>\n"
            + "        <helloName autodetect=\"false\">conformance.kotak.test</helloName>\n"
            + "        <connectiontimeout>600</connectiontimeout>\n"
            + "        <handlerchain coreHandlersPackage=\"dev.kotak.pop3.KotakPop3Handlers\"/>\n"
            + "    </pop3server>\n";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Pop3Target target() {
        return target;
    }
}
