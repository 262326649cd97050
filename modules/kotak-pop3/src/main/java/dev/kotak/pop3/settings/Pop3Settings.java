package dev.kotak.pop3.settings;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.core.config.ConfigException;

/**
 * {@code conf/pop3.xml}, read once for the whole server: every handler of every listener gets this one
 * instance (the extension injector of James keeps {@code @Singleton}s), so UIDLs and login rules are the same
 * on port 110 and 995.
 *
 * <p>Handlers call {@link #config()} from their {@code init}: an invalid file then stops James at startup with
 * the {@code pop3.xml:line:col} message, before any client connects.
 */
@Singleton
public class Pop3Settings {
    public static final String FILE_NAME = "pop3.xml";
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3Settings.class);

    private final Path file;
    private volatile Pop3Config config;

    @Inject
    public Pop3Settings(JamesDirectoriesProvider directories) {
        this(Path.of(directories.getConfDirectory()).resolve(FILE_NAME));
    }

    public Pop3Settings(Path file) {
        this.file = file;
    }

    /** Settings fixed in code, for tests. */
    public static Pop3Settings of(Pop3Config config) {
        Pop3Settings settings = new Pop3Settings(Path.of(FILE_NAME));
        settings.config = config;
        return settings;
    }

    /**
     * The settings, read on first use.
     *
     * @throws ConfigurationException with the {@code pop3.xml:line:col: ...} message of every problem
     */
    public Pop3Config config() throws ConfigurationException {
        Pop3Config current = config;
        if (current == null) {
            synchronized (this) {
                if (config == null) {
                    config = load();
                }
                current = config;
            }
        }
        return current;
    }

    /** The settings once {@link #config()} has succeeded (handlers call this per command). */
    public Pop3Config current() {
        Pop3Config current = config;
        if (current == null) {
            try {
                return config();
            } catch (ConfigurationException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return current;
    }

    private Pop3Config load() throws ConfigurationException {
        if (!Files.exists(file)) {
            LOGGER.info("No {}: Kotak POP3 uses its defaults ({})", file, Pop3Config.DEFAULTS);
            return Pop3Config.DEFAULTS;
        }
        try {
            Pop3Config loaded = Pop3ConfigReader.read(file);
            LOGGER.info("Kotak POP3 settings from {}: {}", file, loaded);
            return loaded;
        } catch (ConfigException e) {
            LOGGER.error("Invalid {}:{}{}", file, System.lineSeparator(), e.describeAll());
            throw new ConfigurationException(e.describeAll(), e);
        }
    }
}
