package dev.kotak.core.config;

import java.util.Objects;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Where something is in a configuration file: the file name (just the name, as operators see it in
 * {@code conf/}), and a 1-based line and column, or no position when a problem concerns the whole file.
 *
 * <p>Documents returned by {@link XmlConfigLoader} carry a location on every element (the column of its
 * {@code <}) and every attribute (the column of its name); {@link #of(Element)} reads it back so that semantic
 * checks done after loading report in the same {@code file:line:col} format.
 */
public final class ConfigLocation {

    private static final String USER_DATA_KEY = ConfigLocation.class.getName();

    private final String file;
    private final int line;
    private final int column;

    private ConfigLocation(String file, int line, int column) {
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
    }

    /** A position in a file; line and column are 1-based. */
    public static ConfigLocation at(String file, int line, int column) {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
        return new ConfigLocation(file, line, column);
    }

    /** The file as a whole, for problems such as "file not found" that have no line. */
    public static ConfigLocation ofFile(String file) {
        return new ConfigLocation(file, 0, 0);
    }

    /**
     * The location of an element's {@code <} in the file it was loaded from.
     *
     * @throws IllegalArgumentException if the element was not produced by {@link XmlConfigLoader}: a missing
     *                                  location is a programming error, not an operator's
     */
    public static ConfigLocation of(Element element) {
        ConfigLocation location = attachedTo(element);
        if (location == null) {
            throw new IllegalArgumentException("element <" + element.getTagName()
                    + "> carries no location; was it loaded by XmlConfigLoader?");
        }
        return location;
    }

    /**
     * The location of an attribute's name, for messages about its value; the element's location when the
     * attribute is absent (a message about a missing attribute belongs on the element).
     */
    public static ConfigLocation of(Element element, String attributeName) {
        Attr attribute = element.getAttributeNode(attributeName);
        ConfigLocation location = attribute == null ? null : attachedTo(attribute);
        return location != null ? location : of(element);
    }

    static void attach(Node node, ConfigLocation location) {
        node.setUserData(USER_DATA_KEY, location, null);
    }

    private static ConfigLocation attachedTo(Node node) {
        Object data = node.getUserData(USER_DATA_KEY);
        return data instanceof ConfigLocation ? (ConfigLocation) data : null;
    }

    /** A problem at this location, e.g. {@code location.problem("'gold' ...; expected ...")}. */
    public ConfigProblem problem(String message) {
        return new ConfigProblem(this, message);
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the location is the whole file. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when the location is the whole file. */
    public int column() {
        return column;
    }

    public boolean hasPosition() {
        return line > 0;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ConfigLocation)) {
            return false;
        }
        ConfigLocation that = (ConfigLocation) other;
        return file.equals(that.file) && line == that.line && column == that.column;
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, column);
    }

    /** {@code file:line:col}, or just {@code file} without a position. */
    @Override
    public String toString() {
        return hasPosition() ? file + ":" + line + ":" + column : file;
    }
}
