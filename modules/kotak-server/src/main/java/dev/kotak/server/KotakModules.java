package dev.kotak.server;

import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.LMTPServerModule;
import org.apache.james.modules.protocols.ManageSieveServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.JMXServerModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.ReIndexingModule;
import org.apache.james.modules.server.ServerRouteModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminReIndexingTaskSerializationModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.NaiveDelegationStoreModule;

import com.google.inject.Module;
import com.google.inject.util.Modules;

import dev.kotak.server.jpa.JpaDataModule;
import dev.kotak.server.jpa.JpaMailboxModule;
import dev.kotak.server.jpa.JpaPersistenceModule;
import dev.kotak.server.search.LuceneSearchModule;
import dev.kotak.server.spool.ActiveMQSpoolModule;

/**
 * The Guice modules of the Kotak server: the same parts as James's own JPA server, from published James jars
 * plus our wiring of the JPA, Lucene and ActiveMQ implementations (their James wiring is not published).
 */
final class KotakModules {
    private KotakModules() {
    }

    /** Mailboxes, users, domains and queues, persisted. */
    static final Module STORAGE = Modules.combine(
        new JpaPersistenceModule(),
        new JpaDataModule(),
        new JpaMailboxModule(),
        new LuceneSearchModule(),
        new ActiveMQSpoolModule(),
        new MailboxModule(),
        new DefaultEventModule(),
        new MemoryDeadLetterModule(),
        new NaiveDelegationStoreModule(),
        new TaskManagerModule());

    /** The mailet container that routes and delivers mail. */
    static final Module MAIL_PROCESSING = Modules.combine(
        new MailetProcessingModule(),
        new DefaultProcessorsConfigurationProviderModule(),
        new RawPostDequeueDecoratorModule());

    static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        new SMTPServerModule(),
        new LMTPServerModule(),
        new POP3ServerModule(),
        new IMAPServerModule(),
        new ManageSieveServerModule());

    /** WebAdmin (REST) with the routes an operator of a persistent James expects. */
    static final Module WEBADMIN = Modules.combine(
        new WebAdminServerModule(),
        new NoJwtModule(),
        new DataRoutesModules(),
        new MailboxRoutesModule(),
        new InconsistencyQuotasSolvingRoutesModule(),
        new MailQueueRoutesModule(),
        new MailRepositoriesRoutesModule(),
        new ReIndexingModule(),
        new WebAdminReIndexingTaskSerializationModule(),
        new SieveRoutesModule(),
        // POST /servers?reload-certificate: installs a renewed TLS certificate without a restart.
        new ServerRouteModule());

    static final Module MANAGEMENT = Modules.combine(
        new JMXServerModule(),
        new LifecycleModule());

    static final Module ALL = Modules.combine(STORAGE, MAIL_PROCESSING, PROTOCOLS, WEBADMIN, MANAGEMENT);
}
