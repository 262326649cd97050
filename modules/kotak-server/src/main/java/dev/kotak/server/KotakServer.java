package dev.kotak.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ObjectArrays;
import com.google.inject.Module;

import dev.kotak.core.config.ConfigProblem;
import dev.kotak.server.config.ConfigurationCheck;
import dev.kotak.server.config.InvalidConfigurationException;
import dev.kotak.server.recovery.RunMarker;

/**
 * A persistent James 3.8.1 server: JPA storage, ActiveMQ spool, SMTP, POP3, IMAP, WebAdmin and JMX, configured
 * by the XML and properties files of its working directory's {@code conf/}.
 *
 * <p>Start-up order, and why: James initialises everything; then, if the previous run crashed, the search index
 * and quota usage are rebuilt; only then does mail waiting in the spool start to be delivered, so that every
 * delivery is seen by the quota and search listeners.
 */
public final class KotakServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(KotakServer.class);
    /** Asks James to create a self-signed keystore for any TLS listener whose keystore file is missing. */
    static final String GENERATE_KEYSTORE = "--generate-keystore";
    static final String DEFAULT_KEYSTORE = "conf/keystore";

    private final GuiceJamesServer james;
    private final ConfigurationCheck configurationCheck;
    private final RunMarker runMarker;
    private final File keystore;
    /**
     * The marker is removed only by a stop that follows a complete start: a run refused for bad configuration, or
     * stopped during crash recovery, leaves it so that the next start recovers (again).
     */
    private volatile boolean startCompleted;

    private KotakServer(GuiceJamesServer james, Path rootDirectory, Path confDirectory) {
        this.james = james;
        this.configurationCheck = new ConfigurationCheck(confDirectory);
        this.runMarker = new RunMarker(rootDirectory.resolve("var"));
        this.keystore = rootDirectory.resolve(DEFAULT_KEYSTORE).toFile();
    }

    public static KotakServer create(Configuration configuration, Module... overrides) {
        Path root = Path.of(configuration.directories().getRootDirectory());
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(configuration)
            .combineWith(KotakModules.ALL)
            .overrideWith(ObjectArrays.concat(new RunArgumentsModule(new String[] {GENERATE_KEYSTORE}), overrides));
        return new KotakServer(james, root, Path.of(configuration.directories().getConfDirectory()));
    }

    /**
     * @throws InvalidConfigurationException before anything is started or bound, when {@code conf/} has a problem
     */
    public void start() throws Exception {
        List<ConfigProblem> problems = configurationCheck.run();
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        boolean keystoreExisted = keystore.exists();
        boolean previousRunCrashed = runMarker.begin();
        james.start();
        warnIfKeystoreWasGenerated(keystoreExisted);
        LifecycleProbe lifecycle = james.getProbe(LifecycleProbe.class);
        if (previousRunCrashed) {
            lifecycle.recoverFromUncleanStop();
        }
        lifecycle.openSpool();
        startCompleted = true;
        LOGGER.info("Kotak server started");
    }

    public void stop() {
        james.stop();
        if (!startCompleted) {
            return;
        }
        try {
            runMarker.end();
        } catch (IOException e) {
            LOGGER.warn("Could not record the graceful stop; the next start will run crash recovery", e);
        }
    }

    public boolean isStarted() {
        return james.isStarted();
    }

    public <T extends GuiceProbe> T getProbe(Class<T> probe) {
        return james.getProbe(probe);
    }

    private void warnIfKeystoreWasGenerated(boolean keystoreExisted) {
        if (!keystoreExisted && keystore.exists()) {
            LOGGER.warn("No TLS certificate was installed: generated a self-signed one in {}. Clients will warn that "
                + "it is untrusted. Install a real certificate by replacing that file (PKCS12, password as the "
                + "<secret> of the TLS blocks) or by pointing <privateKey> and <certificates> at PEM files in "
                + "smtpserver.xml, pop3server.xml and imapserver.xml; see docs/configuration.md, section TLS.",
                keystore.getAbsolutePath());
        }
    }
}
