package dev.kotak.core.config;

import java.util.HashMap;
import java.util.Map;

/** How to say "expected" for XML Schema's built-in types, in words an operator knows. */
final class BuiltinTypes {

    private static final Map<String, String> PHRASES = new HashMap<>();

    static {
        for (String type : new String[] {"integer", "int", "long", "short", "byte"}) {
            PHRASES.put(type, "a whole number");
        }
        for (String type : new String[] {"nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
                "unsignedByte"}) {
            PHRASES.put(type, "a whole number of 0 or more");
        }
        PHRASES.put("positiveInteger", "a whole number of 1 or more");
        PHRASES.put("nonPositiveInteger", "a whole number of 0 or less");
        PHRASES.put("negativeInteger", "a whole number below 0");
        for (String type : new String[] {"decimal", "double", "float"}) {
            PHRASES.put(type, "a number");
        }
        PHRASES.put("boolean", "true or false");
        PHRASES.put("date", "a date such as 2024-01-31");
        PHRASES.put("dateTime", "a date and time such as 2024-01-31T09:30:00Z");
        PHRASES.put("time", "a time such as 09:30:00");
        PHRASES.put("duration", "an ISO 8601 duration such as P30D");
        PHRASES.put("anyURI", "a URI");
        PHRASES.put("NCName", "a name without spaces or colons");
        PHRASES.put("Name", "a name without spaces");
        PHRASES.put("ID", "a name without spaces or colons");
        PHRASES.put("IDREF", "a name without spaces or colons");
        PHRASES.put("NMTOKEN", "a single word without spaces");
        PHRASES.put("QName", "a name, optionally with a prefix");
        PHRASES.put("language", "a language tag such as en or pt-BR");
        PHRASES.put("base64Binary", "base64 text");
        PHRASES.put("hexBinary", "hexadecimal digits");
    }

    private BuiltinTypes() {
    }

    /** The phrase for a built-in type name, or null for other types. */
    static String phraseFor(String typeName) {
        return PHRASES.get(IdentityConstraint.localPart(typeName));
    }
}
