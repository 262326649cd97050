package dev.kotak.retention.settings;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.core.config.ConfigException;
import dev.kotak.core.retention.config.RetentionConfig;
import dev.kotak.core.retention.config.RetentionConfigReader;

/**
 * {@code conf/retention.xml}, read once when the extension module is created: an invalid file stops James
 * before any listener binds, with the {@code retention.xml:line:col} message of every problem.
 */
public final class RetentionSettings {
    public static final String FILE_NAME = "retention.xml";
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionSettings.class);

    private RetentionSettings() {
    }

    public static RetentionConfig load(Path confDirectory) {
        Path file = confDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            LOGGER.info("No {}: every user gets the rfc1939 retention policy (RFC 1939 behaviour)", file);
            return RetentionConfig.DEFAULT;
        }
        try {
            RetentionConfig config = RetentionConfigReader.read(file);
            LOGGER.info("Kotak retention policies from {}: {}", file, config.policies().keySet());
            config.notices().forEach(notice -> LOGGER.warn("{}", notice));
            return config;
        } catch (ConfigException e) {
            LOGGER.error("Invalid {}:{}{}", file, System.lineSeparator(), e.describeAll());
            throw new InvalidRetentionConfigurationException(e.describeAll(), e);
        }
    }

    /** Unchecked so that it can leave a Guice module's constructor and stop the server. */
    public static class InvalidRetentionConfigurationException extends RuntimeException {
        public InvalidRetentionConfigurationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
