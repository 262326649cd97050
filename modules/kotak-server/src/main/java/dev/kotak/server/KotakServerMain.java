package dev.kotak.server;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.james.ExtraProperties;
import org.apache.james.server.core.configuration.Configuration;

import dev.kotak.server.config.InvalidConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Kotak server in the working directory given by {@code -Dworking.directory} (the distribution's
 * root, holding {@code conf/}, {@code var/}, {@code extensions-jars/}). {@code bin/kotak} is the usual way in.
 *
 * <p>Once the server is fully started (every listener bound, crash recovery done, the spool delivering) it
 * writes its pid to {@code var/kotak.ready} (see {@link ReadyFile}); the file is removed when it stops.
 */
public final class KotakServerMain {
    private static final Logger LOGGER = LoggerFactory.getLogger(KotakServerMain.class);

    private KotakServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        Configuration configuration = Configuration.builder().useWorkingDirectoryEnvProperty().build();
        ReadyFile readyFile = new ReadyFile(Path.of(configuration.directories().getRootDirectory()));
        readyFile.clearStale();

        KotakServer server = KotakServer.create(configuration);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                readyFile.markStopping();
            } catch (IOException e) {
                LOGGER.warn("Could not remove {}", ReadyFile.LOCATION, e);
            }
            server.stop();
        }, "kotak-shutdown"));
        try {
            server.start();
        } catch (InvalidConfigurationException e) {
            // An operator error, not a crash: the message says where and what, a stack trace would bury it.
            LOGGER.error("Invalid configuration, not starting: {}", e.getMessage());
            System.err.println("Invalid configuration, not starting:\n" + e.getMessage());
            System.exit(1);
        }
        readyFile.markReady();
    }
}
