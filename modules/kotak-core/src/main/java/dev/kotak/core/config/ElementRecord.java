package dev.kotak.core.config;

import java.util.HashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * What the parser told us about one element while it was being read, kept until the whole file has been
 * decoded and positions can be computed: where its start tag ended, and where its first run of text began.
 */
final class ElementRecord {

    private static final int SNIPPET_LIMIT = 40;

    final Element element;
    final ElementRecord parent;
    /** Position just after the {@code >} of the start tag, as the parser reports it. */
    final int startTagEndLine;
    final int startTagEndColumn;

    /** Position from which the first non-blank text of this element is searched (the end of the markup before it). */
    private int textSearchLine;
    private int textSearchColumn;
    private final StringBuilder firstText = new StringBuilder();
    private boolean firstTextClosed;

    /** Filled in by {@link LocationStamper} once the source text is decoded. */
    ConfigLocation location;
    ConfigLocation textLocation;
    final Map<String, ConfigLocation> attributeLocations = new HashMap<>();

    ElementRecord(Element element, ElementRecord parent, int startTagEndLine, int startTagEndColumn) {
        this.element = element;
        this.parent = parent;
        this.startTagEndLine = startTagEndLine;
        this.startTagEndColumn = startTagEndColumn;
    }

    String name() {
        return element.getTagName();
    }

    boolean isRoot() {
        return parent == null;
    }

    void addText(char[] chars, int start, int length, int searchFromLine, int searchFromColumn) {
        if (firstTextClosed) {
            return;
        }
        if (firstText.length() == 0) {
            String chunk = new String(chars, start, length);
            if (chunk.isBlank()) {
                return;
            }
            textSearchLine = searchFromLine;
            textSearchColumn = searchFromColumn;
        }
        if (firstText.length() <= SNIPPET_LIMIT) {
            firstText.append(chars, start, Math.min(length, SNIPPET_LIMIT + 1));
        }
    }

    /** Markup ends a run of text; only the first run is kept, to quote it in messages. */
    void closeTextRun() {
        if (firstText.length() > 0) {
            firstTextClosed = true;
        }
    }

    boolean hasText() {
        return firstText.length() > 0;
    }

    int textSearchLine() {
        return textSearchLine;
    }

    int textSearchColumn() {
        return textSearchColumn;
    }

    /** The first run of text, blanks collapsed and cut short, for a message such as "text 'oops' is not allowed". */
    String textSnippet() {
        String collapsed = firstText.toString().strip().replaceAll("\\s+", " ");
        return collapsed.length() > SNIPPET_LIMIT ? collapsed.substring(0, SNIPPET_LIMIT) + "..." : collapsed;
    }

    ConfigLocation attributeLocation(String attribute) {
        ConfigLocation found = attributeLocations.get(attribute);
        return found != null ? found : location;
    }
}
