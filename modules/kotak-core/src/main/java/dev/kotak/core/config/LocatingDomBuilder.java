package dev.kotak.core.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.ext.Locator2;

/**
 * Builds a DOM from SAX events while remembering where each element came from, and passes every event on to
 * the schema validator (when there is one).
 *
 * <p>It sits <em>before</em> the validator on purpose: when the validator reports an error, this builder
 * already knows which element is being started or ended, which is how errors get attached to the right
 * element instead of to the parser's "end of the start tag" position (see {@link #context()}).
 *
 * <p>The DOM keeps elements, attributes and text (adjacent text merged, CDATA as text); comments and
 * processing instructions are dropped because configuration code never reads them. Schema default
 * attribute values are not added: the document is what the operator wrote.
 */
final class LocatingDomBuilder implements ContentHandler, LexicalHandler {

    /** A snapshot taken when an error is reported. */
    static final class Context {
        /** The element being started or ended, or the one containing the text; null outside the root. */
        final ElementRecord focus;
        /** The innermost element still open, for "never closed" and mismatched end tags. */
        final ElementRecord innermostOpen;

        Context(ElementRecord focus, ElementRecord innermostOpen) {
            this.focus = focus;
            this.innermostOpen = innermostOpen;
        }
    }

    private final Document document;
    private final ContentHandler downstream;
    private final Deque<ElementRecord> open = new ArrayDeque<>();
    private final List<ElementRecord> records = new ArrayList<>();
    private Node currentParent;
    private Locator locator;
    private String encoding;
    private ElementRecord focus;
    private int markupEndLine = 1;
    private int markupEndColumn = 1;

    LocatingDomBuilder(Document document, ContentHandler downstream) {
        this.document = document;
        this.downstream = downstream;
        this.currentParent = document;
    }

    Context context() {
        return new Context(focus, open.peek());
    }

    /** Every element in document order. */
    List<ElementRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /** The encoding the parser detected, or null if it never got that far. */
    String encoding() {
        return encoding;
    }

    @Override
    public void setDocumentLocator(Locator documentLocator) {
        this.locator = documentLocator;
        if (downstream != null) {
            downstream.setDocumentLocator(documentLocator);
        }
    }

    @Override
    public void startDocument() throws SAXException {
        captureEncoding();
        if (downstream != null) {
            downstream.startDocument();
        }
    }

    @Override
    public void endDocument() throws SAXException {
        focus = null;
        if (downstream != null) {
            downstream.endDocument();
        }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        if (downstream != null) {
            downstream.startPrefixMapping(prefix, uri);
        }
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        if (downstream != null) {
            downstream.endPrefixMapping(prefix);
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws SAXException {
        if (records.isEmpty()) {
            captureEncoding();
        }
        ElementRecord parent = open.peek();
        if (parent != null) {
            parent.closeTextRun();
        }
        Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
        for (int i = 0; i < attributes.getLength(); i++) {
            String attributeUri = attributes.getURI(i);
            element.setAttributeNS(attributeUri.isEmpty() ? null : attributeUri, attributes.getQName(i),
                    attributes.getValue(i));
        }
        currentParent.appendChild(element);
        currentParent = element;
        ElementRecord record = new ElementRecord(element, parent, line(), column());
        records.add(record);
        open.push(record);
        focus = record;
        markMarkupEnd();
        if (downstream != null) {
            downstream.startElement(uri, localName, qName, attributes);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        ElementRecord record = open.peek();
        focus = record;
        if (record != null) {
            record.closeTextRun();
        }
        if (downstream != null) {
            downstream.endElement(uri, localName, qName);
        }
        open.pop();
        currentParent = currentParent.getParentNode();
        markMarkupEnd();
    }

    @Override
    public void characters(char[] chars, int start, int length) throws SAXException {
        ElementRecord record = open.peek();
        if (record != null) {
            focus = record;
            record.addText(chars, start, length, markupEndLine, markupEndColumn);
            Node last = currentParent.getLastChild();
            if (last instanceof Text) {
                ((Text) last).appendData(new String(chars, start, length));
            } else {
                currentParent.appendChild(document.createTextNode(new String(chars, start, length)));
            }
        }
        if (downstream != null) {
            downstream.characters(chars, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] chars, int start, int length) throws SAXException {
        if (downstream != null) {
            downstream.ignorableWhitespace(chars, start, length);
        }
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        closeTextRun();
        markMarkupEnd();
        if (downstream != null) {
            downstream.processingInstruction(target, data);
        }
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        if (downstream != null) {
            downstream.skippedEntity(name);
        }
    }

    @Override
    public void comment(char[] chars, int start, int length) {
        closeTextRun();
        markMarkupEnd();
    }

    @Override
    public void startCDATA() {
        markMarkupEnd();
    }

    @Override
    public void endCDATA() {
        markMarkupEnd();
    }

    @Override
    public void startDTD(String name, String publicId, String systemId) {
        // Unreachable: DOCTYPE is a fatal error (see SecureXml); nothing to record.
    }

    @Override
    public void endDTD() {
        // See startDTD.
    }

    @Override
    public void startEntity(String name) {
        // Only predefined and character references can occur without a DTD; they arrive as characters.
    }

    @Override
    public void endEntity(String name) {
        // See startEntity.
    }

    private void closeTextRun() {
        ElementRecord record = open.peek();
        if (record != null) {
            record.closeTextRun();
        }
    }

    private void markMarkupEnd() {
        markupEndLine = line();
        markupEndColumn = column();
    }

    private void captureEncoding() {
        if (locator instanceof Locator2 && ((Locator2) locator).getEncoding() != null) {
            encoding = ((Locator2) locator).getEncoding();
        }
    }

    private int line() {
        return locator == null ? 1 : locator.getLineNumber();
    }

    private int column() {
        return locator == null ? 1 : locator.getColumnNumber();
    }
}
