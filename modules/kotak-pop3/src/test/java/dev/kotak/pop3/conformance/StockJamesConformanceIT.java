package dev.kotak.pop3.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.kotak.pop3.stock.StockJames;
import dev.kotak.pop3.stock.StockJames.Tls;

/**
 * The conformance suite against the operator's path: a stock {@code james-server-memory-app} 3.8.1 process with
 * the packaged kotak-pop3 jar (and kotak-core) in {@code extensions-jars/}, its {@code pop3server.xml} listeners
 * switched to Kotak with {@code coreHandlersPackage="dev.kotak.pop3.KotakPop3Handlers"}, and the conformance
 * {@code conf/pop3.xml}.
 */
class StockJamesConformanceIT extends Pop3ConformanceSuite {
    private static StockJames james;
    private static Pop3Target target;

    @BeforeAll
    static void start() throws Exception {
        james = StockJames.named("kotak-on-stock")
            .withKotakJars()
            .withPop3Xml(ConformanceSettings.POP3_XML)
            .pop3("pop3-stls", Tls.STARTTLS, StockJames.KOTAK_HANDLERS)
            .pop3("pop3s", Tls.IMPLICIT, StockJames.KOTAK_HANDLERS)
            .pop3("pop3-notls", Tls.NONE, StockJames.KOTAK_HANDLERS)
            .start();
        Mailboxes mailboxes = new WebAdminSmtpMailboxes("127.0.0.1", james.smtpPort(), james.webAdminPort());
        target = new Pop3Target() {
            @Override
            public String name() {
                return "stock memory-app 3.8.1 with Kotak in extensions-jars";
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int stlsPort() {
                return james.pop3Port("pop3-stls");
            }

            @Override
            public OptionalInt implicitTlsPort() {
                return OptionalInt.of(james.pop3Port("pop3s"));
            }

            @Override
            public OptionalInt noTlsPort() {
                return OptionalInt.of(james.pop3Port("pop3-notls"));
            }

            @Override
            public Mailboxes mailboxes() {
                return mailboxes;
            }
        };
    }

    @AfterAll
    static void stop() {
        if (james == null) {
            return;
        }
        try {
            // No client can make Kotak's handlers log an ERROR or a stack trace.
            assertThat(james.errorLines()).as("ERROR lines in the James log\n%s", james.diagnostics()).isEmpty();
        } finally {
            james.close();
        }
    }

    @Override
    protected Pop3Target target() {
        return target;
    }
}
