package dev.kotak.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.config.ConfigProblem;

/**
 * A {@code .properties} file read line by line, so that a problem can name the line of the key. Handles the
 * forms James's files use ({@code key=value}, {@code key: value}, {@code #} and {@code !} comments); continued
 * lines are not needed by the keys we check.
 */
final class PropertiesFile {
    private static final Pattern ENTRY = Pattern.compile("^\\s*([^#!=:\\s][^=:\\s]*)\\s*[=:]\\s*(.*?)\\s*$");

    private final String name;
    private final List<String> lines;

    private PropertiesFile(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    static Optional<PropertiesFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PropertiesFile(file.getFileName().toString(),
                Files.readAllLines(file, StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** The value of the last line setting {@code key}, as java.util.Properties would keep it. */
    Optional<String> value(String key) {
        return entry(key).map(entry -> entry.value);
    }

    ConfigLocation location(String key) {
        return entry(key).map(entry -> ConfigLocation.at(name, entry.line, 1)).orElse(ConfigLocation.ofFile(name));
    }

    /** A problem when {@code key} is set to something that is not a port; an absent key uses James's default. */
    Optional<ConfigProblem> requirePort(String key) {
        return value(key)
            .filter(value -> !isPort(value))
            .map(value -> location(key).problem("'" + key + "' is '" + value + "'; expected a port number from 0 to 65535"));
    }

    private static boolean isPort(String value) {
        return value.matches("\\d{1,5}") && Integer.parseInt(value) <= 65535;
    }

    private Optional<Entry> entry(String key) {
        Entry found = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = ENTRY.matcher(lines.get(i));
            if (matcher.matches() && matcher.group(1).equals(key)) {
                found = new Entry(i + 1, matcher.group(2));
            }
        }
        return Optional.ofNullable(found);
    }

    private static final class Entry {
        private final int line;
        private final String value;

        private Entry(int line, String value) {
            this.line = line;
            this.value = value;
        }
    }
}
