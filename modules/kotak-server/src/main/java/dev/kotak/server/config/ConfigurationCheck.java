package dev.kotak.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.kotak.core.config.ConfigException;
import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.config.ConfigProblem;
import dev.kotak.core.config.XmlConfigLoader;
import dev.kotak.core.retention.config.RetentionConfigReader;

/**
 * Checks a {@code conf/} directory before the server uses it, so that a mistake is reported as
 * {@code file:line:column: what; expected what} instead of a stack trace from deep inside James, and so that the
 * server stops before it serves anything with a half-understood configuration.
 *
 * <p>What it checks: every XML file is well-formed (James's own files have no schema); every listener address
 * ({@code <bind>}) is {@code host:port}; the database settings name a driver that is on the class path and a URL;
 * WebAdmin and JMX ports are numbers; and every {@code X.xml} that has an {@code X.xsd} next to it (Kotak's own
 * files, e.g. {@code pop3.xml}) is valid against that schema. The schema is taken from {@code conf/} rather than
 * from the module that owns the file, so that this check needs no dependency on the extension modules: their
 * jars check the same files against the same schema when they load them.
 */
public final class ConfigurationCheck {
    private static final String RETENTION_FILE = "retention.xml";
    private final Path confDirectory;

    public ConfigurationCheck(Path confDirectory) {
        this.confDirectory = confDirectory;
    }

    /** Every problem found, in file order; empty when the configuration is usable. */
    public List<ConfigProblem> run() {
        if (!Files.isDirectory(confDirectory)) {
            return List.of(ConfigLocation.ofFile(confDirectory.toString())
                .problem("configuration directory not found; expected a directory holding the server's XML and properties files"));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (Path xml : files(".xml")) {
            problems.addAll(checkXml(xml));
        }
        PropertiesFile.read(confDirectory.resolve("james-database.properties"))
            .ifPresentOrElse(database -> problems.addAll(DatabaseCheck.check(database)),
                () -> problems.add(missing("james-database.properties",
                    "a database configuration: database.driverClassName and database.url")));
        PropertiesFile.read(confDirectory.resolve("webadmin.properties"))
            .ifPresent(webadmin -> webadmin.requirePort("port").ifPresent(problems::add));
        PropertiesFile.read(confDirectory.resolve("jmx.properties"))
            .ifPresent(jmx -> jmx.requirePort("jmx.port").ifPresent(problems::add));
        return problems;
    }

    private List<ConfigProblem> checkXml(Path file) {
        Document document;
        try {
            document = loaderFor(file).load(file);
        } catch (ConfigException e) {
            return e.problems();
        } catch (IllegalArgumentException unusableSchema) {
            return List.of(ConfigLocation.ofFile(schemaOf(file).getFileName().toString())
                .problem("cannot be used as the schema of " + file.getFileName() + " (" + unusableSchema.getMessage()
                    + "); expected the XSD shipped with Kotak"));
        }
        if (RETENTION_FILE.equals(file.getFileName().toString())) {
            return retentionProblems(file);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        NodeList binds = document.getElementsByTagName("bind");
        for (int i = 0; i < binds.getLength(); i++) {
            Element bind = (Element) binds.item(i);
            BindAddresses.check(bind.getTextContent())
                .ifPresent(what -> problems.add(ConfigLocation.of(bind).problem(what)));
        }
        return problems;
    }

    /**
     * What a valid configuration does that an operator should know of (retention.xml: a legal hold overriding a
     * policy's expunges, a hidden lifetime another lifetime cuts short); not problems: the server starts with them.
     */
    public List<String> notices() {
        Path retention = confDirectory.resolve(RETENTION_FILE);
        if (!Files.isRegularFile(retention)) {
            return List.of();
        }
        try {
            return RetentionConfigReader.read(retention).notices();
        } catch (ConfigException invalid) {
            return List.of();
        }
    }

    /**
     * retention.xml is valid against its schema: now the rules a schema cannot express (extends cycles,
     * unknown policies, ambiguous groups, EXPIRE promises), read exactly as the retention module reads them.
     */
    private static List<ConfigProblem> retentionProblems(Path file) {
        try {
            RetentionConfigReader.read(file);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /** The file's XSD when {@code conf/} has one ({@code pop3.xml} -> {@code pop3.xsd}), else well-formedness only. */
    private static XmlConfigLoader loaderFor(Path file) {
        Path schema = schemaOf(file);
        if (!Files.isRegularFile(schema)) {
            return XmlConfigLoader.wellFormedOnly();
        }
        try {
            return XmlConfigLoader.withSchema(schema.toUri().toURL());
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException("a file path is always a valid URL: " + schema, impossible);
        }
    }

    private static Path schemaOf(Path xml) {
        String name = xml.getFileName().toString();
        return xml.resolveSibling(name.substring(0, name.length() - ".xml".length()) + ".xsd");
    }

    private List<Path> files(String extension) {
        try (Stream<Path> files = Files.list(confDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(extension))
                .filter(Files::isRegularFile)
                .sorted()
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigProblem missing(String file, String expected) {
        return ConfigLocation.ofFile(file).problem("file not found; expected " + expected);
    }
}
