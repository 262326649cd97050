package dev.kotak.core.retention.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.kotak.core.config.ConfigException;
import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.config.ConfigProblem;
import dev.kotak.core.units.Durations;

/**
 * Reads values from a document the schema already accepted, and collects what only Java can find wrong with
 * them (a duration too large, February 30th) as problems at the attribute, so that a file's semantic problems
 * are all reported at once.
 */
final class ElementReader {
    private static final String INSTANT_EXPECTED =
        "expected a date such as 2026-01-01 or a date and time such as 2026-01-01T08:00:00Z";
    private static final Comparator<ConfigProblem> FILE_ORDER =
        Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final List<ConfigProblem> problems = new ArrayList<>();

    void problem(ConfigLocation location, String message) {
        problems.add(location.problem(message));
    }

    void problem(Element element, String message) {
        problem(ConfigLocation.of(element), message);
    }

    /** A problem about an attribute's value, at the attribute (or the element when it is absent). */
    void problem(Element element, String attribute, String message) {
        problem(ConfigLocation.of(element, attribute), message);
    }

    /** @throws ConfigException with every problem reported so far, in file order, if there is any */
    void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            List<ConfigProblem> ordered = new ArrayList<>(problems);
            ordered.sort(FILE_ORDER);
            throw new ConfigException(ordered);
        }
    }

    static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && (name == null || name.equals(node.getNodeName()))) {
                found.add((Element) node);
            }
        }
        return found;
    }

    static Optional<String> attribute(Element element, String name) {
        return element.hasAttribute(name) ? Optional.of(element.getAttribute(name)) : Optional.empty();
    }

    /** A user or domain name as written, without the blanks xs:token allows around it. */
    static String name(String written) {
        return written.trim();
    }

    /** How user and domain names are compared: without case. */
    static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    Optional<Duration> duration(Element element, String attribute) {
        Optional<String> text = attribute(element, attribute);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(text.get()));
        } catch (IllegalArgumentException invalid) {
            problem(element, attribute, "attribute '" + attribute + "' on element '" + element.getTagName() + "': "
                + invalid.getMessage());
            return Optional.empty();
        }
    }

    /** {@code 2026-01-01} (midnight UTC), or a date and time, UTC unless it carries an offset. */
    Optional<Instant> instant(Element element, String attribute) {
        Optional<String> text = attribute(element, attribute);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseInstant(text.get()));
        } catch (DateTimeParseException invalid) {
            problem(element, attribute, "attribute '" + attribute + "' on element '" + element.getTagName()
                + "' has value '" + text.get() + "', which is not a valid date; " + INSTANT_EXPECTED);
            return Optional.empty();
        }
    }

    static Instant parseInstant(String text) {
        if (text.indexOf('T') < 0) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
            LocalDateTime::from);
        return parsed instanceof OffsetDateTime ? ((OffsetDateTime) parsed).toInstant()
            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /** An xs:boolean the schema accepted: true, false, 1 or 0. */
    static Optional<Boolean> bool(Element element, String attribute) {
        return attribute(element, attribute).map(String::trim).map(value -> "true".equals(value) || "1".equals(value));
    }

    /** An xs:int the schema accepted (and bounded). */
    static Optional<Integer> integer(Element element, String attribute) {
        return attribute(element, attribute).map(String::trim).map(Integer::valueOf);
    }
}
