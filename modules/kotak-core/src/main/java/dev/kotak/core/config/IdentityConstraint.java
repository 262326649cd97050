package dev.kotak.core.config;

import java.util.List;
import java.util.Map;

/** An {@code xs:key}, {@code xs:unique} or {@code xs:keyref} of the schema, as declared. */
final class IdentityConstraint {

    final String name;
    /** For a keyref, the local name of the key it refers to; null otherwise. */
    final String refer;
    final String selector;
    final List<String> fields;
    /** The namespace prefixes in scope where the constraint is declared, to resolve its XPath expressions. */
    final Map<String, String> namespaces;

    IdentityConstraint(String name, String refer, String selector, List<String> fields, Map<String, String> namespaces) {
        this.name = name;
        this.refer = refer;
        this.selector = selector;
        this.fields = List.copyOf(fields);
        this.namespaces = Map.copyOf(namespaces);
    }

    /** The attribute a single-field constraint reads ({@code @name} gives "name"), or null. */
    String fieldAttribute() {
        if (fields.size() != 1) {
            return null;
        }
        String field = fields.get(0).strip();
        if (field.startsWith("@") && field.indexOf('/') < 0 && field.indexOf('|') < 0) {
            return localPart(field.substring(1));
        }
        return null;
    }

    /** What the selector selects, by the last step of a simple path ({@code policies/policy} gives "policy"). */
    String selectedName() {
        String path = selector.strip();
        if (path.indexOf('|') >= 0) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() || last.equals("*") || last.equals(".") ? null : localPart(last);
    }

    static String localPart(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.indexOf(':') + 1);
    }
}
