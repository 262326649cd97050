package dev.kotak.core.config;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the error translations need to know about the schema beyond what Xerces puts in its messages: the
 * expected root elements and namespace, the attributes an element may carry, the identity constraints, and
 * the operator-facing description of a simple type.
 *
 * <p>A schema author describes a type for operators with
 * {@code <xs:appinfo source="kotak:expected">a duration such as 30d, 12h or 90s</xs:appinfo>} in the type's
 * {@code xs:annotation}; that phrase then follows "expected" in messages, instead of a raw regular expression.
 *
 * <p>Everything is extracted eagerly into immutable maps and the schema's DOM is dropped: DOM reads are not
 * thread-safe, and a loader is shared. Only the schema file itself is read (not its includes), and reading is
 * best effort: a schema this class cannot read yields no hints, and messages fall back to what Xerces says.
 */
final class SchemaHints {

    static final String EXPECTED_APPINFO_SOURCE = "kotak:expected";
    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final int MAX_TYPE_DEPTH = 8;

    static final SchemaHints NONE = new SchemaHints(null);

    private final String targetNamespace;
    private final List<String> globalElements;
    private final Map<String, String> expectedByType;
    private final Map<String, IdentityConstraint> constraints;
    /** Element name to its declared attributes; absent when unknown or ambiguous. */
    private final Map<String, List<String>> attributesByElement;

    private SchemaHints(Element schema) {
        this.targetNamespace = schema == null ? "" : schema.getAttribute("targetNamespace");
        this.globalElements = schema == null ? List.of() : List.copyOf(globalElements(schema));
        this.expectedByType = schema == null ? Map.of() : Map.copyOf(typeDescriptions(schema));
        this.constraints = schema == null ? Map.of() : Map.copyOf(identityConstraints(schema));
        this.attributesByElement = schema == null ? Map.of() : Map.copyOf(attributesByElement(schema));
    }

    static SchemaHints read(URL xsd) {
        try (InputStream in = xsd.openStream()) {
            Document document = SecureXml.newDocumentBuilder().parse(in, xsd.toExternalForm());
            return new SchemaHints(document.getDocumentElement());
        } catch (Exception unreadable) {
            // Best effort by design (see class comment): the schema compiled, so validation still works.
            return NONE;
        }
    }

    /** The schema's target namespace, or "" for a schema without one. */
    String targetNamespace() {
        return targetNamespace;
    }

    /** Names of the top-level element declarations, i.e. the possible root elements. */
    List<String> globalElements() {
        return globalElements;
    }

    /** The operator-facing description of a named simple type, from its {@code kotak:expected} appinfo. */
    Optional<String> expectedFor(String typeName) {
        return Optional.ofNullable(expectedByType.get(IdentityConstraint.localPart(typeName)));
    }

    Optional<IdentityConstraint> identityConstraint(String name) {
        return Optional.ofNullable(constraints.get(name));
    }

    /**
     * The attributes declared for elements named {@code elementName}, in declaration order; empty when
     * unknown (no such declaration, declarations that disagree, an attribute wildcard, a restriction).
     */
    Optional<List<String>> attributesOf(String elementName) {
        return Optional.ofNullable(attributesByElement.get(elementName));
    }

    private static List<String> globalElements(Element schema) {
        List<String> names = new ArrayList<>();
        for (Element declaration : children(schema, "element")) {
            if (declaration.hasAttribute("name")) {
                names.add(declaration.getAttribute("name"));
            }
        }
        return names;
    }

    private static Map<String, String> typeDescriptions(Element schema) {
        Map<String, String> descriptions = new HashMap<>();
        for (Element type : children(schema, "simpleType")) {
            Element annotation = firstChild(type, "annotation");
            if (annotation == null || !type.hasAttribute("name")) {
                continue;
            }
            for (Element appinfo : children(annotation, "appinfo")) {
                if (EXPECTED_APPINFO_SOURCE.equals(appinfo.getAttribute("source"))) {
                    descriptions.put(type.getAttribute("name"),
                            appinfo.getTextContent().strip().replaceAll("\\s+", " "));
                }
            }
        }
        return descriptions;
    }

    private static Map<String, IdentityConstraint> identityConstraints(Element schema) {
        Map<String, IdentityConstraint> found = new HashMap<>();
        for (String kind : List.of("key", "unique", "keyref")) {
            NodeList declared = schema.getElementsByTagNameNS(XS, kind);
            for (int i = 0; i < declared.getLength(); i++) {
                Element constraint = (Element) declared.item(i);
                Element selector = firstChild(constraint, "selector");
                if (selector == null) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (Element field : children(constraint, "field")) {
                    fields.add(field.getAttribute("xpath"));
                }
                String refer = constraint.hasAttribute("refer")
                        ? IdentityConstraint.localPart(constraint.getAttribute("refer")) : null;
                found.put(constraint.getAttribute("name"), new IdentityConstraint(constraint.getAttribute("name"),
                        refer, selector.getAttribute("xpath"), fields, namespacesInScope(selector)));
            }
        }
        return found;
    }

    /** Prefix to namespace for every xmlns declaration on the element and its ancestors, nearest first. */
    private static Map<String, String> namespacesInScope(Element element) {
        Map<String, String> namespaces = new HashMap<>();
        for (Node node = element; node instanceof Element; node = node.getParentNode()) {
            NamedNodeMap attributes = node.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                    String prefix = XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getLocalName()) ? ""
                            : attribute.getLocalName();
                    namespaces.putIfAbsent(prefix, attribute.getValue());
                }
            }
        }
        return namespaces;
    }

    private static Map<String, List<String>> attributesByElement(Element schema) {
        Map<String, List<String>> agreed = new HashMap<>();
        Set<String> ambiguous = new LinkedHashSet<>();
        NodeList declarations = schema.getElementsByTagNameNS(XS, "element");
        for (int i = 0; i < declarations.getLength(); i++) {
            Element declaration = (Element) declarations.item(i);
            String name = declaration.getAttribute("name");
            if (name.isEmpty() || ambiguous.contains(name)) {
                continue;
            }
            List<String> attributes = attributesOfDeclaration(schema, declaration);
            List<String> earlier = agreed.get(name);
            if (attributes == null || (earlier != null && !earlier.equals(attributes))) {
                agreed.remove(name);
                ambiguous.add(name);
            } else {
                agreed.put(name, attributes);
            }
        }
        return agreed;
    }

    private static List<String> attributesOfDeclaration(Element schema, Element declaration) {
        Element complexType = firstChild(declaration, "complexType");
        if (complexType == null && declaration.hasAttribute("type")) {
            complexType = topLevel(schema, "complexType", declaration.getAttribute("type"));
        }
        if (complexType == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        return collectAttributes(schema, complexType, names, 0) ? List.copyOf(names) : null;
    }

    /** Returns false when the set is open-ended (a wildcard) or too convoluted to trust (a restriction). */
    private static boolean collectAttributes(Element schema, Element container, Set<String> names, int depth) {
        if (depth > MAX_TYPE_DEPTH) {
            return false;
        }
        for (Element child : children(container, null)) {
            switch (child.getLocalName()) {
                case "attribute":
                    if (!"prohibited".equals(child.getAttribute("use"))) {
                        names.add(child.hasAttribute("name") ? child.getAttribute("name")
                                : IdentityConstraint.localPart(child.getAttribute("ref")));
                    }
                    break;
                case "attributeGroup":
                    Element group = topLevel(schema, "attributeGroup", child.getAttribute("ref"));
                    if (group == null || !collectAttributes(schema, group, names, depth + 1)) {
                        return false;
                    }
                    break;
                case "anyAttribute":
                    return false;
                case "simpleContent":
                case "complexContent":
                    for (Element derivation : children(child, null)) {
                        if (!"extension".equals(derivation.getLocalName())
                                || !collectAttributes(schema, derivation, names, depth + 1)) {
                            return false;
                        }
                        Element base = topLevel(schema, "complexType", derivation.getAttribute("base"));
                        if (base != null && !collectAttributes(schema, base, names, depth + 1)) {
                            return false;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return true;
    }

    private static Element topLevel(Element schema, String kind, String qualifiedName) {
        if (qualifiedName == null || qualifiedName.isEmpty()) {
            return null;
        }
        String local = IdentityConstraint.localPart(qualifiedName);
        for (Element candidate : children(schema, kind)) {
            if (local.equals(candidate.getAttribute("name"))) {
                return candidate;
            }
        }
        return null;
    }

    private static Element firstChild(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Child elements in the XML Schema namespace, all of them when {@code localName} is null. */
    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && XS.equals(child.getNamespaceURI())
                    && (localName == null || localName.equals(child.getLocalName()))) {
                found.add((Element) child);
            }
        }
        return found;
    }
}
