package dev.kotak.core.retention.config;

import static dev.kotak.core.retention.config.ElementReader.child;
import static dev.kotak.core.retention.config.ElementReader.children;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.kotak.core.config.ConfigException;
import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.config.XmlConfigLoader;
import dev.kotak.core.retention.LegalHold;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.units.Durations;

/**
 * Reads {@code conf/retention.xml}: validation against {@link #SCHEMA} (errors as
 * {@code retention.xml:L:C: ...; expected ...}), then every check a schema cannot express, all reported at
 * once. Pure: no James types; the James side calls it at startup and stops the server on a
 * {@link ConfigException}.
 */
public final class RetentionConfigReader {
    /** The schema inside the jar; the same file is shipped as {@code conf/retention.xsd}. */
    public static final URL SCHEMA =
        RetentionConfigReader.class.getResource("/dev/kotak/core/retention/retention.xsd");

    private static final XmlConfigLoader LOADER = XmlConfigLoader.withSchema(SCHEMA);

    private RetentionConfigReader() {
    }

    /**
     * Reads and checks a retention file. A missing file is a problem too ({@code file not found}): a caller for
     * which the file is optional checks that it exists and uses {@link RetentionConfig#DEFAULT} otherwise.
     *
     * @return the resolved configuration; {@link RetentionConfig#notices()} lists what is allowed but worth
     *         logging
     * @throws ConfigException listing every problem of the file: schema problems if there are any, else every
     *                         semantic problem (unknown names, cycles, duplicates, inconsistent values)
     */
    public static RetentionConfig read(Path file) throws ConfigException {
        Document document = LOADER.load(file);
        Element root = document.getDocumentElement();
        ElementReader reader = new ElementReader();
        SweeperSettings sweeper = sweeper(reader, child(root, "sweeper"));
        List<PolicyDeclaration> declarations = new PolicyReader(reader).read(child(root, "policies"));
        Map<String, PolicyResolver.Resolved> policies = new PolicyResolver(reader).resolve(declarations);
        Set<String> names = new LinkedHashSet<>();
        names.add(Policy.RFC1939_NAME);
        declarations.forEach(declaration -> names.add(declaration.name));
        AssignmentReader assignmentReader = new AssignmentReader(reader, names);
        AssignmentTable assignments = assignmentReader.read(child(root, "groups"), child(root, "assignments"));
        Map<LegalHold, Element> holds = holds(reader, child(root, "holds"));
        reader.throwIfAny();
        List<String> notices = Notices.of(policies, assignments, assignmentReader.groups(), holds);
        Map<String, LegalHold> byUser = new LinkedHashMap<>();
        holds.keySet().forEach(hold -> byUser.put(hold.user(), hold));
        return new RetentionConfig(policies, assignments, byUser, sweeper, notices);
    }

    private static SweeperSettings sweeper(ElementReader reader, Optional<Element> sweeper) {
        if (sweeper.isEmpty()) {
            return SweeperSettings.DEFAULT;
        }
        Element element = sweeper.get();
        SweeperSettings defaults = SweeperSettings.DEFAULT;
        Duration interval = reader.duration(element, "interval").orElse(defaults.interval());
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            reader.problem(element, "interval", "attribute 'interval' on element 'sweeper' is "
                + Durations.format(interval) + "; expected a duration of at least 1s");
            interval = defaults.interval();
        }
        return new SweeperSettings(ElementReader.bool(element, "enabled").orElse(defaults.enabled()), interval,
            ElementReader.integer(element, "usersPerSecond").orElse(defaults.usersPerSecond()));
    }

    /** Each {@code <hold>} with its element, one per user. */
    private static Map<LegalHold, Element> holds(ElementReader reader, Optional<Element> holds) {
        Map<String, Element> byUser = new LinkedHashMap<>();
        Map<LegalHold, Element> read = new LinkedHashMap<>();
        for (Element element : holds.map(parent -> children(parent, "hold")).orElse(List.of())) {
            String user = ElementReader.normalize(element.getAttribute("user"));
            Element earlier = byUser.putIfAbsent(user, element);
            if (earlier != null) {
                reader.problem(element, "user", "'" + ElementReader.name(element.getAttribute("user"))
                    + "' already has a hold on line " + ConfigLocation.of(earlier).line()
                    + "; expected one hold per user, ignoring case");
                continue;
            }
            Optional<Instant> until = reader.instant(element, "until");
            if (element.hasAttribute("until") && until.isEmpty()) {
                continue;
            }
            read.put(new LegalHold(user, element.getAttribute("reason").trim(), element.getAttribute("owner").trim(),
                until, LegalHold.Source.XML), element);
        }
        return read;
    }
}
