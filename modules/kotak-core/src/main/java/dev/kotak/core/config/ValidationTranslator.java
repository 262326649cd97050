package dev.kotak.core.config;

import dev.kotak.core.config.MessageText.XmlName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Turns the JDK's XML Schema validation messages ({@code cvc-...}) into operator English of the form
 * {@code <what is wrong>; expected <what would be right>}, placed on the offending element, attribute or text.
 *
 * <p>Xerces reports a bad attribute value as two messages, a facet failure ("not facet-valid with respect to
 * pattern ...") followed by the attribute failure ("the value ... of attribute ..."); they are merged here into
 * one problem. Identity-constraint failures are reported by Xerces at the end of the scope element (often the
 * root); they are moved here to the element or attribute that holds the faulty value.
 */
final class ValidationTranslator {

    private static final Pattern INVALID_CONTENT_EXPECTING =
            Pattern.compile("Invalid content was found starting with element '(.+?)'\\. One of '(.*)' is expected\\.");
    private static final Pattern INVALID_CONTENT_NOTHING_EXPECTED = Pattern.compile(
            "Invalid content was found starting with element '(.+?)'\\. No child element is expected at this point\\.");
    private static final Pattern INVALID_CONTENT_MINIMUM = Pattern.compile(
            "Invalid content was found starting with element '(.+?)'\\. '(.+?)' is expected to occur a minimum of '(\\d+)' times.*");
    private static final Pattern INCOMPLETE =
            Pattern.compile("The content of element '(.+?)' is not complete\\. One of '(.*)' is expected\\.");
    private static final Pattern INCOMPLETE_MINIMUM = Pattern.compile(
            "The content of element '(.+?)' is not complete\\. '(.+?)' is expected to occur a minimum of '(\\d+)' times.*");
    private static final Pattern UNDECLARED_IN_WILDCARD =
            Pattern.compile("The matching wildcard is strict, but no declaration can be found for element '(.+?)'\\.");
    private static final Pattern TOO_MANY = Pattern.compile(
            "'(.+?)' can occur a maximum of '(\\d+)' times in the current sequence\\..*");
    private static final Pattern MUST_BE_EMPTY = Pattern.compile(
            "Element '(.+?)' must have no character or element information item \\[children\\].*");
    private static final Pattern NO_ELEMENT_CHILDREN = Pattern.compile(
            "Element '(.+?)' (?:must have no element \\[children\\].*|is a simple type, so it must have no element information item \\[children\\]\\.)");
    private static final Pattern NO_TEXT =
            Pattern.compile("Element '(.+?)' cannot have character \\[children\\].*");
    private static final Pattern ATTRIBUTE_NOT_ALLOWED =
            Pattern.compile("Attribute '(.+?)' is not allowed to appear in element '(.+?)'\\.");
    private static final Pattern ATTRIBUTE_NO_WILDCARD =
            Pattern.compile("Element '(.+?)' does not have an attribute wildcard for attribute '(.+?)'\\.");
    private static final Pattern ATTRIBUTE_ON_SIMPLE_TYPE = Pattern.compile(
            "Element '(.+?)' is a simple type, so it cannot have attributes.*However, the attribute, '(.+?)' was found\\.");
    private static final Pattern ATTRIBUTE_MISSING = Pattern.compile(
            "Attribute '(.+?)' (?:belonging to namespace '.*?', )?must appear on element '(.+?)'\\.");
    private static final Pattern ATTRIBUTE_INVALID = Pattern.compile(
            "The value '(.*)' of attribute '(.+?)' on element '(.+?)' is not valid with respect to its type, '(.*)'\\.");
    private static final Pattern ATTRIBUTE_NOT_FIXED = Pattern.compile(
            "The value '(.*)' of attribute '(.+?)' on element '(.+?)' is not valid with respect to its fixed \\{value constraint\\}\\. The attribute must have a value of '(.*)'\\.");
    private static final Pattern ELEMENT_VALUE_INVALID =
            Pattern.compile("The value '(.*)' of element '(.+?)' is not valid\\.");
    private static final Pattern NO_DECLARATION = Pattern.compile("Cannot find the declaration of element '(.+?)'\\.");
    private static final Pattern DUPLICATE_KEY = Pattern.compile(
            "Duplicate (?:key|unique) value \\[(.*)\\] declared for identity constraint \"(.+?)\" of element \"(.+?)\"\\.");
    private static final Pattern KEY_ABSENT =
            Pattern.compile("Element \"(.+?)\" has no value for the key \"(.+?)\"\\.");
    private static final Pattern KEYREF_NOT_FOUND = Pattern.compile(
            "Key '(.+?)' with value '(.*)' not found for identity constraint of element '(.+?)'\\.");
    private static final Pattern DUPLICATE_ID = Pattern.compile("There are multiple occurrences of ID value '(.+?)'\\.");

    // Facets: the first half of a bad value's report.
    private static final Pattern ENUMERATION = Pattern.compile(
            "Value '(.*)' is not facet-valid with respect to enumeration '\\[(.*)\\]'\\. It must be a value from the enumeration\\.");
    private static final Pattern PATTERN = Pattern.compile(
            "Value '(.*)' is not facet-valid with respect to pattern '(.*)' for type '(.*)'\\.");
    private static final Pattern BOUND = Pattern.compile(
            "Value '(.*)' is not facet-valid with respect to (minInclusive|maxInclusive|minExclusive|maxExclusive) '(.*)' for type '(.*)'\\.");
    private static final Pattern LENGTH = Pattern.compile(
            "Value '(.*)' with length = '(\\d+)' is not facet-valid with respect to (minLength|maxLength|length) '(\\d+)' for type '(.*)'\\.");
    private static final Pattern DIGITS = Pattern.compile(
            "Value '(.*)' has (\\d+) (total|fraction) digits, but the number of (?:total|fraction) digits has been limited to (\\d+)\\.");
    private static final Pattern DATATYPE = Pattern.compile(
            "'(.*)' is not a valid value (?:for|of list type|of union type) '(.+?)'\\.");

    private final String fileName;
    private final SchemaHints hints;
    private final KeyLookup keys;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<ElementRecord> elementsWithProblems = new HashSet<>();
    private Facet pendingFacet;

    ValidationTranslator(String fileName, SchemaHints hints) {
        this.fileName = fileName;
        this.hints = hints;
        this.keys = new KeyLookup();
    }

    List<ConfigProblem> translate(List<RawProblem> raws) {
        for (RawProblem raw : raws) {
            translate(raw);
        }
        flushPendingFacet();
        return Collections.unmodifiableList(problems);
    }

    private void translate(RawProblem raw) {
        String code = MessageText.codeOf(raw.message);
        String text = MessageText.withoutCode(raw.message);
        Facet facet = Facet.parse(text, hints);
        if (facet != null) {
            flushPendingFacet();
            pendingFacet = facet.at(raw);
            return;
        }
        Facet facetForThis = pendingFacet;
        pendingFacet = null;
        if (!translateValue(raw, text, facetForThis)) {
            if (facetForThis != null) {
                emitLoneFacet(facetForThis);
            }
            translateStructure(raw, code, text);
        }
    }

    /** The second half of a bad value's report; merges the facet that came just before. */
    private boolean translateValue(RawProblem raw, String text, Facet facet) {
        Matcher m = ATTRIBUTE_INVALID.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(3));
            add(record, attributeLocation(raw, record, m.group(2)),
                    "attribute " + q(m.group(2)) + " on element " + q(m.group(3)) + " has value " + q(m.group(1))
                            + "; expected " + expectedValue(m.group(4), facet));
            return true;
        }
        m = ATTRIBUTE_NOT_FIXED.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(3));
            add(record, attributeLocation(raw, record, m.group(2)),
                    "attribute " + q(m.group(2)) + " on element " + q(m.group(3)) + " has value " + q(m.group(1))
                            + "; expected " + q(m.group(4)));
            return true;
        }
        m = ELEMENT_VALUE_INVALID.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(2));
            String type = facet == null ? "" : facet.type;
            add(record, textLocation(raw, record),
                    "element " + q(m.group(2)) + " has value " + q(m.group(1)) + "; expected " + expectedValue(type, facet));
            return true;
        }
        return false;
    }

    private void translateStructure(RawProblem raw, String code, String text) {
        Matcher m = INVALID_CONTENT_EXPECTING.matcher(text);
        if (m.matches()) {
            XmlName found = XmlName.parse(m.group(1));
            ElementRecord record = recordFor(raw, found.local);
            List<XmlName> expected = MessageText.nameList(m.group(2));
            String wrongNamespace = namespaceMismatch(record, found, expected);
            add(record, elementLocation(raw, record), wrongNamespace != null ? wrongNamespace
                    : "element " + q(found.local) + " is not allowed here; expected one of: "
                            + MessageText.joinLocalNames(expected));
            return;
        }
        m = INVALID_CONTENT_NOTHING_EXPECTED.matcher(text);
        if (m.matches()) {
            XmlName found = XmlName.parse(m.group(1));
            ElementRecord record = recordFor(raw, found.local);
            String inside = record != null && record.parent != null ? " in " + q(record.parent.name()) : "";
            add(record, elementLocation(raw, record), "element " + q(found.local)
                    + " is not allowed here; expected no further elements" + inside + " at this point");
            return;
        }
        m = INVALID_CONTENT_MINIMUM.matcher(text);
        if (m.matches()) {
            XmlName found = XmlName.parse(m.group(1));
            ElementRecord record = recordFor(raw, found.local);
            add(record, elementLocation(raw, record), "element " + q(found.local) + " is not allowed here; expected "
                    + m.group(3) + " " + q(MessageText.stripNamespaces(m.group(2))) + " elements before it");
            return;
        }
        m = INCOMPLETE.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(1));
            add(record, elementLocation(raw, record), "element " + q(MessageText.stripNamespaces(m.group(1)))
                    + " is incomplete; expected one of: " + MessageText.joinLocalNames(MessageText.nameList(m.group(2))));
            return;
        }
        m = INCOMPLETE_MINIMUM.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(1));
            add(record, elementLocation(raw, record), "element " + q(MessageText.stripNamespaces(m.group(1)))
                    + " is incomplete; expected at least " + m.group(3) + " " + q(MessageText.stripNamespaces(m.group(2)))
                    + " elements");
            return;
        }
        m = TOO_MANY.matcher(text);
        if (m.matches()) {
            String name = MessageText.stripNamespaces(m.group(1));
            ElementRecord record = recordFor(raw, name);
            add(record, elementLocation(raw, record), "element " + q(name) + " appears more than " + m.group(2)
                    + " times; expected at most " + m.group(2));
            return;
        }
        m = UNDECLARED_IN_WILDCARD.matcher(text);
        if (m.matches()) {
            String name = MessageText.stripNamespaces(m.group(1));
            ElementRecord record = recordFor(raw, name);
            add(record, elementLocation(raw, record),
                    "element " + q(name) + " is not declared by the schema; expected an element the schema declares");
            return;
        }
        m = NO_TEXT.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(1));
            String snippet = record != null && record.hasText() ? " " + q(record.textSnippet()) : "";
            add(record, textLocation(raw, record), "text" + snippet + " is not allowed in element "
                    + q(m.group(1)) + "; expected only elements");
            return;
        }
        m = MUST_BE_EMPTY.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(1));
            add(record, elementLocation(raw, record), "element " + q(m.group(1))
                    + " must be empty; expected <" + m.group(1) + " .../> with attributes only");
            return;
        }
        m = NO_ELEMENT_CHILDREN.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(1));
            add(record, elementLocation(raw, record),
                    "element " + q(m.group(1)) + " contains elements; expected only text");
            return;
        }
        m = ATTRIBUTE_NOT_ALLOWED.matcher(text);
        if (m.matches()) {
            attributeNotAllowed(raw, m.group(1), m.group(2));
            return;
        }
        m = ATTRIBUTE_NO_WILDCARD.matcher(text);
        if (m.matches()) {
            attributeNotAllowed(raw, m.group(2), m.group(1));
            return;
        }
        m = ATTRIBUTE_ON_SIMPLE_TYPE.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(1));
            add(record, attributeLocation(raw, record, m.group(2)), "attribute " + q(m.group(2))
                    + " is not allowed on element " + q(m.group(1)) + "; expected no attributes");
            return;
        }
        m = ATTRIBUTE_MISSING.matcher(text);
        if (m.matches()) {
            ElementRecord record = recordFor(raw, m.group(2));
            add(record, elementLocation(raw, record),
                    "element " + q(m.group(2)) + " is missing required attribute " + q(m.group(1)));
            return;
        }
        m = NO_DECLARATION.matcher(text);
        if (m.matches()) {
            undeclaredElement(raw, XmlName.parse(m.group(1)));
            return;
        }
        m = DUPLICATE_KEY.matcher(text);
        if (m.matches()) {
            duplicateKey(raw, m.group(1), m.group(2));
            return;
        }
        m = KEY_ABSENT.matcher(text);
        if (m.matches()) {
            keyAbsent(raw, m.group(2));
            return;
        }
        m = KEYREF_NOT_FOUND.matcher(text);
        if (m.matches()) {
            keyrefNotFound(raw, m.group(1), m.group(2));
            return;
        }
        m = DUPLICATE_ID.matcher(text);
        if (m.matches()) {
            ElementRecord record = raw.context.focus;
            add(record, elementLocation(raw, record), "duplicate ID " + q(m.group(1)) + "; expected each ID once");
            return;
        }
        ElementRecord record = raw.context.focus;
        add(record, elementLocation(raw, record), MessageText.fallback(code.isEmpty() ? text : raw.message));
    }

    private void attributeNotAllowed(RawProblem raw, String attribute, String elementName) {
        ElementRecord record = recordFor(raw, elementName);
        Optional<List<String>> declared = hints.attributesOf(elementName);
        String expected;
        if (declared.isEmpty()) {
            expected = "only the attributes the schema declares for " + q(elementName);
        } else if (declared.get().isEmpty()) {
            expected = "no attributes";
        } else {
            expected = "one of: " + String.join(", ", declared.get());
        }
        add(record, attributeLocation(raw, record, attribute),
                "attribute " + q(attribute) + " is not allowed on element " + q(elementName) + "; expected " + expected);
    }

    private void undeclaredElement(RawProblem raw, XmlName name) {
        ElementRecord record = recordFor(raw, name.local);
        String ns = record != null && record.element.getNamespaceURI() != null ? record.element.getNamespaceURI() : "";
        List<String> roots = hints.globalElements();
        String message;
        if (record != null && record.isRoot() && roots.contains(name.local) && !ns.equals(hints.targetNamespace())) {
            message = "element " + q(name.local) + " has " + MessageText.describeNamespace(ns) + "; expected "
                    + MessageText.describeNamespace(hints.targetNamespace());
        } else if (record == null || record.isRoot()) {
            message = "root element " + q(name.local) + " is not allowed; expected "
                    + (roots.isEmpty() ? "a root element the schema declares" : "one of: " + String.join(", ", roots));
        } else {
            message = "element " + q(name.local) + " is not declared by the schema; expected an element the schema declares";
        }
        add(record, elementLocation(raw, record), message);
    }

    private void duplicateKey(RawProblem raw, String value, String constraintName) {
        Optional<IdentityConstraint> constraint = hints.identityConstraint(constraintName);
        String attribute = constraint.map(IdentityConstraint::fieldAttribute).orElse(null);
        ElementRecord record = raw.context.focus;
        ConfigLocation where = attribute != null && record != null && record.element.hasAttribute(attribute)
                ? attributeLocation(raw, record, attribute) : elementLocation(raw, record);
        add(record, where, "duplicate value " + q(value) + " for key " + q(constraintName) + "; expected each "
                + (attribute != null ? attribute : "value") + " once");
    }

    private void keyAbsent(RawProblem raw, String constraintName) {
        ElementRecord record = raw.context.focus;
        if (record != null && elementsWithProblems.contains(record)) {
            return; // Already reported as a missing required attribute; saying it twice only adds noise.
        }
        String attribute = hints.identityConstraint(constraintName).map(IdentityConstraint::fieldAttribute).orElse(null);
        String name = record != null ? record.name() : "?";
        add(record, elementLocation(raw, record), "element " + q(name) + " has no value for key " + q(constraintName)
                + "; expected " + (attribute != null ? "attribute " + q(attribute) : "a value"));
    }

    private void keyrefNotFound(RawProblem raw, String keyrefName, String value) {
        ElementRecord scope = raw.context.focus;
        Optional<IdentityConstraint> keyref = hints.identityConstraint(keyrefName);
        Optional<IdentityConstraint> key = keyref.flatMap(k -> hints.identityConstraint(k.refer));
        ConfigLocation where = elementLocation(raw, scope);
        if (scope != null && keyref.isPresent()) {
            Node referring = keys.findReferring(scope.element, keyref.get(), value);
            if (referring instanceof Attr) {
                where = ConfigLocation.of(((Attr) referring).getOwnerElement(), ((Attr) referring).getName());
            } else if (referring instanceof Element) {
                where = ConfigLocation.of((Element) referring);
            }
        }
        String noun = key.map(IdentityConstraint::selectedName).orElse(null);
        List<String> declared = scope != null && key.isPresent()
                ? keys.declaredValues(scope.element, key.get()) : List.of();
        String names = key.map(k -> "name".equals(k.fieldAttribute()) ? "names" : "values").orElse("values");
        String what = noun != null ? q(value) + " refers to no " + noun
                : q(value) + " refers to no " + q(keyref.map(k -> k.refer).orElse(keyrefName)) + " key";
        String expected = declared.isEmpty() ? "one of the declared " + names + " (none are declared)"
                : "one of the declared " + names + ": " + String.join(", ", new LinkedHashSet<>(declared));
        problems.add(where.problem(what + "; expected " + expected));
    }

    /** A wrong namespace explains a "not allowed here" better than a list of names that look identical. */
    private static String namespaceMismatch(ElementRecord record, XmlName found, List<XmlName> expected) {
        for (XmlName candidate : expected) {
            if (!candidate.wildcard && candidate.local.equals(found.local) && !candidate.namespace.equals(found.namespace)) {
                String actual = record != null && record.element.getNamespaceURI() != null
                        ? record.element.getNamespaceURI() : found.namespace;
                return "element " + q(found.local) + " has " + MessageText.describeNamespace(actual) + "; expected "
                        + MessageText.describeNamespace(candidate.namespace);
            }
        }
        return null;
    }

    private String expectedValue(String typeName, Facet facet) {
        if (facet != null && facet.enumeration) {
            return facet.phrase;
        }
        String type = typeName == null ? "" : typeName;
        Optional<String> described = type.isEmpty() ? Optional.empty() : hints.expectedFor(type);
        if (described.isPresent()) {
            return described.get();
        }
        if (facet != null && facet.type != null && !facet.type.isEmpty()) {
            Optional<String> facetType = hints.expectedFor(facet.type);
            if (facetType.isPresent()) {
                return facetType.get();
            }
        }
        String builtin = BuiltinTypes.phraseFor(type);
        if (builtin != null) {
            return builtin;
        }
        if (facet != null) {
            return facet.phrase;
        }
        return type.isEmpty() || type.startsWith("#") ? "a valid value" : "a valid " + q(type) + " value";
    }

    private void flushPendingFacet() {
        if (pendingFacet != null) {
            emitLoneFacet(pendingFacet);
            pendingFacet = null;
        }
    }

    private void emitLoneFacet(Facet facet) {
        ElementRecord record = facet.raw.context.focus;
        add(record, elementLocation(facet.raw, record),
                "value " + q(facet.value) + " is not valid; expected " + expectedValue(facet.type, facet));
    }

    private void add(ElementRecord record, ConfigLocation where, String message) {
        if (record != null) {
            elementsWithProblems.add(record);
        }
        problems.add(where.problem(message));
    }

    /** The element a message names: the one being started or ended, or failing that an ancestor of it. */
    private static ElementRecord recordFor(RawProblem raw, String name) {
        String wanted = MessageText.stripNamespaces(name);
        for (ElementRecord record = raw.context.focus; record != null; record = record.parent) {
            if (wanted.equals(record.name()) || wanted.equals(record.element.getLocalName())) {
                return record;
            }
        }
        return raw.context.focus;
    }

    private ConfigLocation elementLocation(RawProblem raw, ElementRecord record) {
        if (record != null && record.location != null) {
            return record.location;
        }
        return raw.line > 0 ? ConfigLocation.at(fileName, raw.line, Math.max(raw.column, 1)) : ConfigLocation.ofFile(fileName);
    }

    private ConfigLocation attributeLocation(RawProblem raw, ElementRecord record, String attribute) {
        return record != null && record.location != null ? record.attributeLocation(attribute) : elementLocation(raw, record);
    }

    private ConfigLocation textLocation(RawProblem raw, ElementRecord record) {
        return record != null && record.textLocation != null ? record.textLocation : elementLocation(raw, record);
    }

    private static String q(String text) {
        return MessageText.quote(text);
    }

    /** The first half of a bad value's report, waiting for the second half that names the attribute. */
    private static final class Facet {
        final String value;
        final String phrase;
        final String type;
        final boolean enumeration;
        final RawProblem raw;

        private Facet(String value, String phrase, String type, boolean enumeration, RawProblem raw) {
            this.value = value;
            this.phrase = phrase;
            this.type = type;
            this.enumeration = enumeration;
            this.raw = raw;
        }

        Facet at(RawProblem where) {
            return new Facet(value, phrase, type, enumeration, where);
        }

        static Facet parse(String text, SchemaHints hints) {
            Matcher m = ENUMERATION.matcher(text);
            if (m.matches()) {
                return new Facet(m.group(1), "one of: " + m.group(2), "", true, null);
            }
            m = PATTERN.matcher(text);
            if (m.matches()) {
                return new Facet(m.group(1), "a value matching the pattern " + q(m.group(2)), m.group(3), false, null);
            }
            m = BOUND.matcher(text);
            if (m.matches()) {
                return new Facet(m.group(1), bound(m.group(2), m.group(3)), m.group(4), false, null);
            }
            m = LENGTH.matcher(text);
            if (m.matches()) {
                String limit = m.group(4) + ("1".equals(m.group(4)) ? " character" : " characters");
                String phrase;
                switch (m.group(3)) {
                    case "minLength":
                        phrase = "at least " + limit;
                        break;
                    case "maxLength":
                        phrase = "at most " + limit;
                        break;
                    default:
                        phrase = "exactly " + limit;
                        break;
                }
                return new Facet(m.group(1), phrase, m.group(5), false, null);
            }
            m = DIGITS.matcher(text);
            if (m.matches()) {
                String phrase = "total".equals(m.group(3)) ? "at most " + m.group(4) + " digits"
                        : "at most " + m.group(4) + " digits after the decimal point";
                return new Facet(m.group(1), phrase, "", false, null);
            }
            m = DATATYPE.matcher(text);
            if (m.matches()) {
                String builtin = BuiltinTypes.phraseFor(m.group(2));
                String phrase = builtin != null ? builtin : hints.expectedFor(m.group(2)).orElse("a valid " + q(m.group(2)) + " value");
                return new Facet(m.group(1), phrase, m.group(2), false, null);
            }
            return null;
        }

        private static String bound(String facet, String limit) {
            switch (facet) {
                case "minInclusive":
                    return "a value of at least " + limit;
                case "maxInclusive":
                    return "a value of at most " + limit;
                case "minExclusive":
                    return "a value greater than " + limit;
                default:
                    return "a value less than " + limit;
            }
        }
    }
}
