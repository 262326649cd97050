package dev.kotak.server.spool;

import java.io.FileNotFoundException;

import javax.inject.Singleton;
import javax.jms.ConnectionFactory;

import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.queue.activemq.ActiveMQConfiguration;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorImpl;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * The mail queues (the spool every accepted message goes through, and the outgoing queue of RemoteDelivery)
 * in an embedded ActiveMQ broker persisted with KahaDB under {@code var/store/activemq}, so that accepted mail
 * survives a crash.
 *
 * <p>Queue consumers (the spooler, RemoteDelivery) get queues through {@link GatedMailQueueFactory}: they
 * receive nothing until {@link SpoolGate} opens, once the server is fully started. WebAdmin's queue routes get
 * the ActiveMQ queues directly: browsing and clearing need no gate.
 */
public class ActiveMQSpoolModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(ActiveMQSpoolModule.class);
    static final String CONFIGURATION_FILE = "activemq";

    @Override
    protected void configure() {
        bind(KahaDBPersistenceAdapter.class).in(Scopes.SINGLETON);
        bind(PersistenceAdapter.class).to(KahaDBPersistenceAdapter.class);
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(ActiveMQMailQueueFactory.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollectorImpl.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollector.class).to(ActiveMQMetricCollectorImpl.class);
        bind(SpoolGate.class).in(Scopes.SINGLETON);

        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedActiveMQ broker) {
        return broker.getConnectionFactory();
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory factory) {
        factory.setUseJMX(true);
        factory.init();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> queues(MailQueueFactory<? extends ManageableMailQueue> factory, SpoolGate gate) {
        return new GatedMailQueueFactory(factory, gate);
    }

    @Provides
    @Singleton
    MailQueueFactory<?> anyQueues(MailQueueFactory<? extends MailQueue> gated) {
        return gated;
    }

    @Provides
    @Singleton
    ActiveMQConfiguration configuration(PropertiesProvider properties) throws ConfigurationException {
        try {
            return ActiveMQConfiguration.from(properties.getConfigurations(CONFIGURATION_FILE));
        } catch (FileNotFoundException e) {
            LOGGER.info("No {}.properties: ActiveMQ runs with its default settings", CONFIGURATION_FILE);
            return ActiveMQConfiguration.getDefault();
        }
    }

    @ProvidesIntoSet
    InitializationOperation startMetrics(ActiveMQMetricCollector collector) {
        return InitilizationOperationBuilder.forClass(ActiveMQMetricCollector.class).init(collector::start);
    }
}
