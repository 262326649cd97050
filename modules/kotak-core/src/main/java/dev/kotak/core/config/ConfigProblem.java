package dev.kotak.core.config;

import java.util.Objects;

/**
 * One thing wrong in a configuration file, rendered for operators as
 * {@code retention.xml:12:7: element 'onRetreive' is not allowed here; expected one of: onRetrieve, ...}.
 * By convention the message says what is wrong, then {@code ; expected} and what would be right.
 */
public final class ConfigProblem {

    private final ConfigLocation location;
    private final String message;

    public ConfigProblem(ConfigLocation location, String message) {
        this.location = Objects.requireNonNull(location, "location");
        this.message = Objects.requireNonNull(message, "message");
    }

    /** Shorthand for {@code ConfigLocation.at(file, line, column).problem(message)}. */
    public static ConfigProblem at(String file, int line, int column, String message) {
        return ConfigLocation.at(file, line, column).problem(message);
    }

    public ConfigLocation location() {
        return location;
    }

    public String file() {
        return location.file();
    }

    public int line() {
        return location.line();
    }

    public int column() {
        return location.column();
    }

    /** The message without the location prefix. */
    public String message() {
        return message;
    }

    /** {@code file:line:col: message}, or {@code file: message} for a problem with the whole file. */
    public String render() {
        return location + ": " + message;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ConfigProblem)) {
            return false;
        }
        ConfigProblem that = (ConfigProblem) other;
        return location.equals(that.location) && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, message);
    }

    @Override
    public String toString() {
        return render();
    }
}
