package dev.kotak.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kotak.pop3.conformance.ConformanceSettings;
import dev.kotak.pop3.conformance.Mailboxes;
import dev.kotak.pop3.conformance.Pop3ConformanceSuite;
import dev.kotak.pop3.conformance.Pop3Target;
import dev.kotak.pop3.conformance.WebAdminSmtpMailboxes;

/**
 * The POP3 conformance suite of kotak-pop3 against the packaged distribution (Kotak's handlers loaded from
 * extensions-jars/), with the suite's conf/pop3.xml (the shipped settings, damping delays shortened) and one more
 * listener without TLS.
 */
class DistributionPop3ConformanceIT extends Pop3ConformanceSuite {
    private static final int NO_TLS_PORT = freePort();

    @RegisterExtension
    static final Distribution DIST = Distribution.withConf("pop3-conformance", DistributionPop3ConformanceIT::configure);

    private static Pop3Target target;

    private static void configure(Path conf) {
        try {
            Files.writeString(conf.resolve("pop3.xml"), ConformanceSettings.POP3_XML, StandardCharsets.UTF_8);
            Path pop3server = conf.resolve("pop3server.xml");
            String listener = "    <pop3server enabled=\"true\">\n"
                + "        <jmxName>pop3server-notls</jmxName>\n"
                + "        <bind>127.0.0.1:" + NO_TLS_PORT + "</bind>\n"
                + "        <helloName autodetect=\"false\">conformance.kotak.test</helloName>\n"
                + "        <handlerchain coreHandlersPackage=\"dev.kotak.pop3.KotakPop3Handlers\"/>\n"
                + "    </pop3server>\n";
            Files.writeString(pop3server, Files.readString(pop3server, StandardCharsets.UTF_8)
                .replace("</pop3servers>", listener + "</pop3servers>"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() {
        DIST.start();
        Mailboxes mailboxes = new WebAdminSmtpMailboxes("127.0.0.1", DIST.port(Clients.SMTP),
            DIST.port(Distribution.WEBADMIN_PORT));
        target = new Pop3Target() {
            @Override
            public String name() {
                return "packaged distribution";
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int stlsPort() {
                return DIST.port(Clients.POP3);
            }

            @Override
            public OptionalInt implicitTlsPort() {
                return OptionalInt.of(DIST.port(Clients.POP3S));
            }

            @Override
            public OptionalInt noTlsPort() {
                return OptionalInt.of(NO_TLS_PORT);
            }

            @Override
            public Mailboxes mailboxes() {
                return mailboxes;
            }
        };
    }

    @Override
    protected Pop3Target target() {
        return target;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
