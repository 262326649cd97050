package dev.kotak.core.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Re-evaluates a schema's identity constraints on the loaded document, to find what Xerces does not say: which
 * element holds a dangling reference, and which values were declared instead.
 *
 * <p>The restricted XPath of {@code xs:selector}/{@code xs:field} is a subset of XPath 1.0, so the JDK's XPath
 * evaluates it unchanged; prefixes resolve as they were declared around the constraint in the schema.
 * Any failure yields "not found", and the caller falls back to the scope element.
 */
final class KeyLookup {

    /** The attribute or element holding {@code value} for {@code constraint} under {@code scope}, or null. */
    Node findReferring(Element scope, IdentityConstraint constraint, String value) {
        XPath xpath = xpathFor(constraint);
        for (Node selected : select(xpath, scope, constraint)) {
            Node field = field(xpath, selected, constraint);
            if (field != null && value.strip().equals(field.getTextContent().strip())) {
                return field;
            }
        }
        return null;
    }

    /** The values {@code constraint} (a key) finds under {@code scope}, in document order. */
    List<String> declaredValues(Element scope, IdentityConstraint constraint) {
        XPath xpath = xpathFor(constraint);
        List<String> values = new ArrayList<>();
        for (Node selected : select(xpath, scope, constraint)) {
            Node field = field(xpath, selected, constraint);
            if (field != null) {
                values.add(field.getTextContent().strip());
            }
        }
        return values;
    }

    private static List<Node> select(XPath xpath, Element scope, IdentityConstraint constraint) {
        List<Node> nodes = new ArrayList<>();
        try {
            NodeList selected = (NodeList) xpath.evaluate(constraint.selector, scope, XPathConstants.NODESET);
            for (int i = 0; i < selected.getLength(); i++) {
                nodes.add(selected.item(i));
            }
        } catch (XPathExpressionException | RuntimeException unusable) {
            // See class comment: a selector we cannot evaluate simply finds nothing.
        }
        return nodes;
    }

    /** Single-field constraints only: multi-field values are rendered by Xerces in a way not worth guessing. */
    private static Node field(XPath xpath, Node selected, IdentityConstraint constraint) {
        if (constraint.fields.size() != 1) {
            return null;
        }
        try {
            return (Node) xpath.evaluate(constraint.fields.get(0), selected, XPathConstants.NODE);
        } catch (XPathExpressionException | RuntimeException unusable) {
            return null;
        }
    }

    private static XPath xpathFor(IdentityConstraint constraint) {
        XPath xpath = SecureXml.newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return constraint.namespaces.getOrDefault(prefix, "");
            }

            @Override
            public String getPrefix(String namespaceURI) {
                for (Map.Entry<String, String> entry : constraint.namespaces.entrySet()) {
                    if (entry.getValue().equals(namespaceURI)) {
                        return entry.getKey();
                    }
                }
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceURI) {
                String prefix = getPrefix(namespaceURI);
                return prefix == null ? List.<String>of().iterator() : List.of(prefix).iterator();
            }
        });
        return xpath;
    }
}
