package dev.kotak.pop3.settings;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.kotak.core.config.ConfigException;
import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.config.XmlConfigLoader;
import dev.kotak.core.units.Durations;

/**
 * Reads {@code pop3.xml}: validation against {@code pop3.xsd} (errors as {@code pop3.xml:L:C: ...; expected ...}),
 * then the few checks a schema cannot express. Pure: no James types, so it is tested without a server.
 */
public final class Pop3ConfigReader {
    /** The schema inside the jar; the same file is shipped as {@code conf/pop3.xsd}. */
    public static final URL SCHEMA = Pop3ConfigReader.class.getResource("/dev/kotak/pop3/pop3.xsd");

    private static final XmlConfigLoader LOADER = XmlConfigLoader.withSchema(SCHEMA);

    private Pop3ConfigReader() {
    }

    public static Pop3Config read(Path file) throws ConfigException {
        Document document = LOADER.load(file);
        Element root = document.getDocumentElement();
        Pop3Config.Builder config = Pop3Config.builder();
        child(root, "uidl").ifPresent(uidl ->
            attribute(uidl, "format", value -> config.uidlFormat(UidlFormat.fromConfigName(value))));
        child(root, "plaintextAuth").ifPresent(plaintext -> {
            attribute(plaintext, "requireTls", value -> config.requireTls(bool(value)));
            attribute(plaintext, "exemptLoopback", value -> config.exemptLoopback(bool(value)));
        });
        child(root, "sessionLock").ifPresent(lock ->
            attribute(lock, "enabled", value -> config.sessionLock(bool(value))));
        child(root, "badCommands").ifPresent(bad -> {
            attribute(bad, "beforeLogin", value -> config.badCommandsBeforeLogin(Integer.parseInt(value.trim())));
            attribute(bad, "afterLogin", value -> config.badCommandsAfterLogin(Integer.parseInt(value.trim())));
        });
        Optional<Element> failures = child(root, "authFailures");
        if (failures.isPresent()) {
            readAuthFailures(failures.get(), config);
        }
        return config.build();
    }

    private static void readAuthFailures(Element failures, Pop3Config.Builder config) throws ConfigException {
        attribute(failures, "delay", value -> config.authFailureDelay(Durations.parse(value)));
        attribute(failures, "maxDelay", value -> config.authFailureMaxDelay(Durations.parse(value)));
        attribute(failures, "disconnectAfter",
            value -> config.disconnectAfterAuthFailures(Integer.parseInt(value.trim())));
        Pop3Config built = config.build();
        Duration delay = built.authFailureDelay();
        Duration maxDelay = built.authFailureMaxDelay();
        if (maxDelay.compareTo(delay) < 0) {
            // Reported on maxDelay when written, else on delay: the attribute the operator has to change.
            String attributeName = failures.hasAttribute("maxDelay") ? "maxDelay" : "delay";
            throw new ConfigException(ConfigLocation.of(failures, attributeName).problem(
                "authFailures maxDelay (" + Durations.format(maxDelay) + ") is shorter than delay ("
                    + Durations.format(delay) + "); expected maxDelay equal to or longer than delay"));
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && name.equals(node.getLocalName() != null ? node.getLocalName() : node.getNodeName())) {
                return Optional.of((Element) node);
            }
        }
        return Optional.empty();
    }

    private static void attribute(Element element, String name, Consumer<String> use) {
        if (element.hasAttribute(name)) {
            use.accept(element.getAttribute(name));
        }
    }

    private static boolean bool(String xsdBoolean) {
        String value = xsdBoolean.trim();
        return "true".equals(value) || "1".equals(value);
    }
}
