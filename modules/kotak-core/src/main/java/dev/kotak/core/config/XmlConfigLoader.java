package dev.kotak.core.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Loads an XML configuration file into a DOM whose elements and attributes know their source position, and
 * reports everything wrong with it as {@link ConfigProblem}s ({@code file:line:col: what; expected what}).
 *
 * <p>Two flavours: {@link #withSchema(URL)} for Kotak's own files, validated against their XSD, and
 * {@link #wellFormedOnly()} for files without a schema, such as James's {@code pop3server.xml}, which the
 * distribution's {@code check-config} command checks the same way.
 *
 * <p>Instances are immutable and thread-safe; compile one per schema and reuse it.
 */
public final class XmlConfigLoader {

    private static final Comparator<ConfigProblem> FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final Schema schema;
    private final SchemaHints hints;

    private XmlConfigLoader(Schema schema, SchemaHints hints) {
        this.schema = schema;
        this.hints = hints;
    }

    /**
     * A loader that validates against the XSD at {@code xsd}, typically {@code getClass().getResource(...)}.
     *
     * @throws IllegalArgumentException if the schema cannot be read or is not a valid XSD: that is a bug in
     *                                  Kotak, not an operator error, so it is not a {@link ConfigException}
     */
    public static XmlConfigLoader withSchema(URL xsd) {
        Objects.requireNonNull(xsd, "xsd (a classpath resource that was not found?)");
        try {
            Schema schema = SecureXml.newSchemaFactory().newSchema(xsd);
            return new XmlConfigLoader(schema, SchemaHints.read(xsd));
        } catch (SAXException invalid) {
            throw new IllegalArgumentException("schema " + xsd + " cannot be used: " + invalid.getMessage(), invalid);
        }
    }

    /** A loader that only checks that files are well-formed XML (no DOCTYPE allowed), for files without an XSD. */
    public static XmlConfigLoader wellFormedOnly() {
        return new XmlConfigLoader(null, SchemaHints.NONE);
    }

    /** Shorthand for {@code wellFormedOnly().load(file)}. */
    public static Document checkWellFormed(Path file) throws ConfigException {
        return wellFormedOnly().load(file);
    }

    /**
     * Parses (and validates, if this loader has a schema) {@code file}.
     *
     * @return the document; {@link ConfigLocation#of(org.w3c.dom.Element)} gives each element's position
     * @throws ConfigException listing every problem found, in file order, the first one in its message
     */
    public Document load(Path file) throws ConfigException {
        Objects.requireNonNull(file, "file");
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes = ConfigFileReader.read(file, fileName, rootHint());
        ConfigProblem encodingProblem = EncodingCheck.check(bytes, fileName);
        if (encodingProblem != null) {
            throw new ConfigException(encodingProblem);
        }
        Document document = newDocument();
        List<RawProblem> parserProblems = new ArrayList<>();
        List<RawProblem> validatorProblems = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        LocatingDomBuilder builder;
        try {
            ValidatorHandler validator = schema == null ? null : schema.newValidatorHandler();
            builder = new LocatingDomBuilder(document, validator);
            if (validator != null) {
                SecureXml.harden(validator);
                validator.setErrorHandler(new ProblemCollector(RawProblem.Origin.VALIDATOR, builder, validatorProblems));
            }
            XMLReader reader = SecureXml.newReader(builder);
            reader.setErrorHandler(new ProblemCollector(RawProblem.Origin.PARSER, builder, parserProblems));
            parse(reader, bytes, fileName, problems);
        } catch (ParserConfigurationException | SAXException misconfigured) {
            throw new IllegalStateException("the JDK's XML parser rejected Kotak's hardened settings", misconfigured);
        }
        SourceText source = SourceText.decode(bytes, builder.encoding());
        new LocationStamper(source, fileName).stamp(builder.records());
        WellFormednessTranslator wellFormedness =
                new WellFormednessTranslator(fileName, source, builder.records(), hints);
        for (RawProblem raw : parserProblems) {
            problems.add(wellFormedness.translate(raw));
        }
        problems.addAll(new ValidationTranslator(fileName, hints).translate(validatorProblems));
        if (!problems.isEmpty()) {
            List<ConfigProblem> ordered = new ArrayList<>(new LinkedHashSet<>(problems));
            ordered.sort(FILE_ORDER);
            throw new ConfigException(ordered);
        }
        return document;
    }

    private static void parse(XMLReader reader, byte[] bytes, String fileName, List<ConfigProblem> problems) {
        try {
            reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
        } catch (SAXParseException alreadyCollected) {
            // The collector recorded it with its context; the parse ends here by design.
        } catch (SAXException | IOException unparseable) {
            // E.g. an encoding Java knows but the parser does not: there is no position to report.
            problems.add(ConfigLocation.ofFile(fileName).problem("cannot be read as XML ("
                    + MessageText.fallback(String.valueOf(unparseable.getMessage()))
                    + "); expected a UTF-8 XML document"));
        }
    }

    private String rootHint() {
        List<String> roots = hints.globalElements();
        return roots.size() == 1 ? "root element <" + roots.get(0) + ">" : "a root element";
    }

    private static Document newDocument() {
        try {
            return SecureXml.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException misconfigured) {
            throw new IllegalStateException("the JDK's XML parser rejected Kotak's hardened settings", misconfigured);
        }
    }
}
