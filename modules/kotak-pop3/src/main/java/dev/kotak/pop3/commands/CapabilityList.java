package dev.kotak.pop3.commands;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CAPA's lines, each capability once (RFC 2449 section 5): a line whose capability name (its first word,
 * case-insensitive) is already listed is left out, so the first source to list a capability wins. Kotak's own
 * lines come first; a handler or policy cannot replace them, e.g. with a second {@code SASL} or
 * {@code IMPLEMENTATION} line, nor list {@code EXPIRE} twice with two values.
 */
final class CapabilityList {
    private final Map<String, String> byName = new LinkedHashMap<>();

    void add(String line) {
        String trimmed = line.trim();
        if (!trimmed.isEmpty()) {
            byName.putIfAbsent(name(trimmed), trimmed);
        }
    }

    void addAll(Collection<String> lines) {
        lines.forEach(this::add);
    }

    List<String> lines() {
        return List.copyOf(byName.values());
    }

    private static String name(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.US);
    }
}
