package dev.kotak.core.config;

import java.util.List;
import org.w3c.dom.Attr;

/**
 * Turns the parser's "end of start tag" positions into the positions operators look for: the {@code <} of
 * each element, the first letter of each attribute name, and the first non-blank character of an
 * element's text; then attaches them to the DOM nodes.
 *
 * <p>Scanning back from the {@code >} to the nearest {@code <} always lands on the element's own {@code <},
 * because XML allows no {@code <} inside a tag (not even inside attribute values).
 */
final class LocationStamper {

    private final SourceText source;
    private final String fileName;

    LocationStamper(SourceText source, String fileName) {
        this.source = source;
        this.fileName = fileName;
    }

    void stamp(List<ElementRecord> records) {
        for (ElementRecord record : records) {
            stamp(record);
        }
    }

    private void stamp(ElementRecord record) {
        int afterTag = source.offsetOf(record.startTagEndLine, record.startTagEndColumn);
        int tagStart = source.lastIndexOf('<', afterTag - 1);
        if (tagStart < 0) {
            tagStart = Math.max(afterTag - 1, 0);
        }
        record.location = locationAt(tagStart);
        ConfigLocation.attach(record.element, record.location);
        for (StartTagScanner.AttributeToken token : StartTagScanner.attributes(source, tagStart)) {
            ConfigLocation attributeLocation = locationAt(token.offset);
            record.attributeLocations.putIfAbsent(token.name, attributeLocation);
            Attr attribute = record.element.getAttributeNode(token.name);
            if (attribute != null) {
                ConfigLocation.attach(attribute, attributeLocation);
            }
        }
        if (record.hasText()) {
            int textStart = source.skipWhitespace(source.offsetOf(record.textSearchLine(), record.textSearchColumn()));
            record.textLocation = locationAt(textStart);
        }
    }

    ConfigLocation locationAt(int offset) {
        return ConfigLocation.at(fileName, source.lineOf(offset), source.columnOf(offset));
    }
}
