package dev.kotak.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Small text helpers shared by the message translations. */
final class MessageText {

    private static final Pattern ERROR_CODE = Pattern.compile("^(?:cvc-[A-Za-z0-9._-]+|JAXP\\d+)\\s*:\\s*");
    private static final Pattern LEFTOVER_CODE = Pattern.compile("\\bcvc-[A-Za-z0-9._-]+:?\\s*");
    private static final Pattern NAMESPACE_PREFIX = Pattern.compile("\"[^\"]*\":");
    private static final Pattern QUOTED_BRACES = Pattern.compile("'\\{([^{}']*)\\}'");

    private MessageText() {
    }

    /** The Xerces code ({@code cvc-complex-type.2.4.a}) a message starts with, or "". */
    static String codeOf(String message) {
        int colon = message.indexOf(':');
        return message.startsWith("cvc-") && colon > 0 ? message.substring(0, colon) : "";
    }

    /** The message without its leading code. */
    static String withoutCode(String message) {
        return ERROR_CODE.matcher(message).replaceFirst("");
    }

    /**
     * The last resort for messages no translation recognises: no code, no namespace braces, first letter in
     * lower case (unless the word is an acronym such as XML), no final period.
     */
    static String fallback(String message) {
        String text = LEFTOVER_CODE.matcher(withoutCode(message)).replaceAll("");
        text = stripNamespaces(text).replace("[children]", "children").replaceAll("\\s+", " ").strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return lowerFirst(text);
    }

    static String lowerFirst(String text) {
        if (text.length() >= 2 && Character.isUpperCase(text.charAt(0)) && !Character.isUpperCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }

    /** {@code {"urn:x":policy}} becomes {@code policy}, and {@code '{a, b}'} becomes {@code 'a, b'}. */
    static String stripNamespaces(String text) {
        String stripped = NAMESPACE_PREFIX.matcher(text).replaceAll("");
        stripped = QUOTED_BRACES.matcher(stripped).replaceAll("'$1'");
        if (stripped.startsWith("{") && stripped.endsWith("}") && stripped.indexOf(',') < 0) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        return stripped;
    }

    /** An element name as Xerces writes it in content-model messages: {@code {"urn:x":policy}} or {@code policy}. */
    static final class XmlName {
        final String namespace;
        final String local;
        final boolean wildcard;

        private XmlName(String namespace, String local, boolean wildcard) {
            this.namespace = namespace;
            this.local = local;
            this.wildcard = wildcard;
        }

        static XmlName parse(String raw) {
            String text = raw.strip();
            if (text.startsWith("{") && text.endsWith("}")) {
                text = text.substring(1, text.length() - 1).strip();
            }
            if (text.startsWith("WC[")) {
                return new XmlName(text, describeWildcard(text), true);
            }
            if (text.startsWith("\"")) {
                int close = text.indexOf("\":", 1);
                if (close > 0) {
                    return new XmlName(text.substring(1, close), text.substring(close + 2), false);
                }
            }
            return new XmlName("", text, false);
        }

        private static String describeWildcard(String wildcard) {
            if (wildcard.contains("##other")) {
                return "any element from another namespace";
            }
            if (wildcard.contains("##local")) {
                return "any element without a namespace";
            }
            return "any element";
        }
    }

    /** Parses {@code {a, "urn:x":b, WC[##any]}} (braces optional) into names. */
    static List<XmlName> nameList(String raw) {
        String text = raw.strip();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        List<XmlName> names = new ArrayList<>();
        for (String item : text.split(",\\s*")) {
            if (!item.isBlank()) {
                names.add(XmlName.parse(item));
            }
        }
        return names;
    }

    /** Distinct local names (and wildcard descriptions) joined for "expected one of: ...". */
    static String joinLocalNames(List<XmlName> names) {
        Set<String> distinct = new LinkedHashSet<>();
        for (XmlName name : names) {
            distinct.add(name.local);
        }
        return String.join(", ", distinct);
    }

    static String quote(String text) {
        return "'" + text + "'";
    }

    /** {@code "no namespace"} or {@code "namespace 'urn:x'"}. */
    static String describeNamespace(String namespace) {
        return namespace == null || namespace.isEmpty() ? "no namespace" : "namespace '" + namespace + "'";
    }
}
