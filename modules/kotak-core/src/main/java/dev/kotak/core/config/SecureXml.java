package dev.kotak.core.config;

import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The one place that configures the JDK's XML machinery, so that every parse is hardened the same way.
 *
 * <ul>
 *   <li>The JDK's built-in implementations ({@code newDefaultInstance}) are used even if a Xerces jar sits on
 *       the classpath (James ships several XML libraries): the message translations are written against the
 *       JDK's wording, and a different parser would silently degrade every error message.</li>
 *   <li>DOCTYPE is refused outright, which rules out XXE and entity expansion attacks; no external DTD or
 *       schema is ever fetched while reading a configuration file.</li>
 *   <li>Messages are requested in {@link Locale#ROOT}: the translations parse the English wording, and asking
 *       for {@code Locale.ENGLISH} would not do, because the JDK ships no {@code _en} bundle and Java's
 *       resource-bundle fallback would then pick the server's default locale (German, Japanese...).</li>
 * </ul>
 */
final class SecureXml {

    static final String LOCALE_PROPERTY = "http://apache.org/xml/properties/locale";
    private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    private SecureXml() {
    }

    static XMLReader newReader(LocatingDomBuilder builder) throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        SAXParser parser = factory.newSAXParser();
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        XMLReader reader = parser.getXMLReader();
        reader.setProperty(LOCALE_PROPERTY, Locale.ROOT);
        reader.setProperty(LEXICAL_HANDLER, builder);
        reader.setContentHandler(builder);
        return reader;
    }

    static void harden(ValidatorHandler validator) throws SAXException {
        validator.setProperty(LOCALE_PROPERTY, Locale.ROOT);
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    }

    /**
     * For compiling Kotak's own XSDs: they are trusted resources shipped in our jars, and may include
     * sibling files from the same jar, so file and jar access stay allowed; DTDs still are not.
     */
    static SchemaFactory newSchemaFactory() throws SAXException {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        factory.setProperty(LOCALE_PROPERTY, Locale.ROOT);
        return factory;
    }

    static DocumentBuilder newDocumentBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory.newDocumentBuilder();
    }

    static XPath newXPath() {
        XPathFactory factory = XPathFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (XPathFactoryConfigurationException unsupported) {
            // The JDK's factory supports it; a missing feature only loses limits we do not rely on.
        }
        return factory.newXPath();
    }
}
