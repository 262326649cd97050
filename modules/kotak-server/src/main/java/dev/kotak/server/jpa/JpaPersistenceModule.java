package dev.kotak.server.jpa;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * The one {@link EntityManagerFactory} every JPA store of the server shares (mailboxes, users, domains,
 * recipient rewrites, Sieve scripts, mail repositories, quotas). The entity list and schema options live in
 * our {@code META-INF/persistence.xml}, unit {@code Global}: James's stores ask for that unit by name, and no
 * published James jar ships one. Kotak's indexes of James's tables are added once the schema is built
 * ({@link SchemaIndexes}).
 */
public class JpaPersistenceModule extends AbstractModule {
    static final String PERSISTENCE_UNIT = "Global";
    static final String CONFIGURATION_FILE = "james-database";

    @Provides
    @Singleton
    DatabaseSettings databaseSettings(PropertiesProvider properties, JamesDirectoriesProvider directories)
            throws FileNotFoundException, ConfigurationException {
        return DatabaseSettings.from(properties.getConfiguration(CONFIGURATION_FILE),
            Path.of(directories.getRootDirectory()));
    }

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory(DatabaseSettings settings) {
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(PERSISTENCE_UNIT,
            settings.openJpaProperties());
        SchemaIndexes.ensure(factory);
        return factory;
    }
}
