package dev.kotak.core.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the JDK parser's well-formedness messages into operator English ({@code <what>; expected <what>}),
 * and moves the position from where the parser gave up to where the faulty construct starts: the {@code <} of
 * a tag, the {@code &} of a reference, the name of an attribute. Expects the records to be stamped already.
 */
final class WellFormednessTranslator {

    private static final Pattern END_TAG_MISMATCH = Pattern.compile(
            "The element type \"(.+?)\" must be terminated by the matching end-tag \"</(.+?)>\"\\.");
    private static final Pattern UNEXPECTED_END = Pattern.compile(
            "XML document structures must start and end within the same entity\\.|Premature end of file\\.");
    private static final Pattern DOCTYPE = Pattern.compile("DOCTYPE is disallowed when the feature .*");
    private static final Pattern BARE_AMPERSAND =
            Pattern.compile("The entity name must immediately follow the '&' in the entity reference\\.");
    private static final Pattern REFERENCE_WITHOUT_SEMICOLON =
            Pattern.compile("The reference to entity \"(.+?)\" must end with the ';' delimiter\\.");
    private static final Pattern UNKNOWN_ENTITY =
            Pattern.compile("The entity \"(.+?)\" was referenced, but not declared\\.");
    private static final Pattern NO_OPENING_QUOTE = Pattern.compile(
            "Open quote is expected for attribute \"(.+?)\" associated with an\\s+element type\\s+\"(.+?)\"\\.");
    private static final Pattern NO_CLOSING_QUOTE = Pattern.compile(
            "Close quote is expected for attribute \"(.+?)\" associated with an\\s+element type\\s+\"(.+?)\"\\.");
    private static final Pattern LESS_THAN_IN_VALUE = Pattern.compile(
            "The value of attribute \"(.+?)\" associated with an element type \"(.+?)\" must not contain the '<' character\\.");
    private static final Pattern DUPLICATE_ATTRIBUTE = Pattern.compile(
            "Attribute \"(.+?)\" (?:bound to namespace \".*?\" )?was already specified for element \"(.+?)\"\\.");
    private static final Pattern ATTRIBUTE_WITHOUT_VALUE = Pattern.compile(
            "Attribute name \"(.+?)\" associated with an element type \"(.+?)\" must be followed by the ' = ' character\\.");
    private static final Pattern START_TAG_UNTERMINATED = Pattern.compile(
            "Element type \"(.+?)\" must be followed by either attribute specifications, \">\" or \"/>\"\\.");
    private static final Pattern END_TAG_UNTERMINATED =
            Pattern.compile("The end-tag for element type \"(.+?)\" must end with a '>' delimiter\\.");
    private static final Pattern MARKUP_AFTER_ROOT =
            Pattern.compile("The markup in the document following the root element must be well-formed\\.");
    private static final Pattern TEXT_AFTER_ROOT = Pattern.compile("Content is not allowed in trailing section\\.");
    private static final Pattern TEXT_BEFORE_ROOT = Pattern.compile("Content is not allowed in prolog\\.");
    private static final Pattern MARKUP_BEFORE_ROOT =
            Pattern.compile("The markup in the document preceding the root element must be well-formed\\.");
    private static final Pattern LATE_XML_DECLARATION =
            Pattern.compile("The processing instruction target matching \"\\[xX\\]\\[mM\\]\\[lL\\]\" is not allowed\\.");
    private static final Pattern BAD_MARKUP = Pattern.compile(
            "The content of elements must consist of well-formed character data or markup\\.");
    private static final Pattern BAD_UTF8 = Pattern.compile(
            "Invalid byte \\d+ of \\d+-byte UTF-8 sequence\\.|Expected byte \\d+ of \\d+-byte UTF-8 sequence\\."
                    + "|An entity determined to be in a certain encoding must not contain sequences illegal in that encoding\\."
                    + "|High surrogate bits in UTF-8 sequence.*");
    private static final Pattern BAD_CHARACTER_IN_ATTRIBUTE = Pattern.compile(
            "An invalid XML character \\(Unicode: 0x(\\p{XDigit}+)\\) was found in the value of attribute \"(.+?)\" and element is \"(.+?)\"\\.");
    private static final Pattern BAD_CHARACTER = Pattern.compile(
            "An invalid XML character \\(Unicode: 0x(\\p{XDigit}+)\\) was found in (?:the )?(.+?)\\.");
    private static final Pattern UNBOUND_ELEMENT_PREFIX =
            Pattern.compile("The prefix \"(.+?)\" for element \"(.+?)\" is not bound\\.");
    private static final Pattern UNBOUND_ATTRIBUTE_PREFIX = Pattern.compile(
            "The prefix \"(.+?)\" for attribute \"(.+?)\" associated with an element type \"(.+?)\" is not bound\\.");
    private static final Pattern DOUBLE_DASH_IN_COMMENT =
            Pattern.compile("The string \"--\" is not permitted within comments\\.");

    private final String fileName;
    private final SourceText source;
    private final LocationStamper stamper;
    private final List<ElementRecord> records;
    private final String rootHint;

    WellFormednessTranslator(String fileName, SourceText source, List<ElementRecord> records, SchemaHints hints) {
        this.fileName = fileName;
        this.source = source;
        this.stamper = new LocationStamper(source, fileName);
        this.records = records;
        List<String> roots = hints.globalElements();
        this.rootHint = roots.size() == 1 ? "<" + roots.get(0) + ">" : "the root element";
    }

    ConfigProblem translate(RawProblem raw) {
        String text = MessageText.withoutCode(raw.message);
        int reported = raw.line > 0 ? source.offsetOf(raw.line, raw.column) : -1;
        if (reported < 0) {
            return ConfigLocation.ofFile(fileName).problem(MessageText.fallback(text));
        }
        Matcher m = END_TAG_MISMATCH.matcher(text);
        if (m.matches()) {
            return endTagMismatch(raw, m.group(1), reported);
        }
        if (UNEXPECTED_END.matcher(text).matches()) {
            return unexpectedEnd(raw, reported);
        }
        if (DOCTYPE.matcher(text).matches()) {
            return at(tagStart(reported), "DOCTYPE is not allowed; expected a plain XML document");
        }
        if (BARE_AMPERSAND.matcher(text).matches()) {
            return at(back('&', reported), "a bare '&' is not allowed; expected &amp; to write '&'");
        }
        m = REFERENCE_WITHOUT_SEMICOLON.matcher(text);
        if (m.matches()) {
            return at(back('&', reported), q("&" + m.group(1)) + " is not a complete entity reference; expected &"
                    + m.group(1) + "; or &amp; to write '&'");
        }
        m = UNKNOWN_ENTITY.matcher(text);
        if (m.matches()) {
            return at(back('&', reported), "unknown entity " + q("&" + m.group(1) + ";")
                    + "; expected one of &amp; &lt; &gt; &quot; &apos; or a character reference such as &#160;");
        }
        m = NO_OPENING_QUOTE.matcher(text);
        if (m.matches()) {
            return at(attributeBefore(reported, m.group(1)), "attribute " + q(m.group(1)) + " on element "
                    + q(m.group(2)) + " has no quotes around its value; expected " + m.group(1) + "=\"...\"");
        }
        m = NO_CLOSING_QUOTE.matcher(text);
        if (m.matches()) {
            return at(attributeInTag(reported, m.group(1), -1), "attribute " + q(m.group(1)) + " on element "
                    + q(m.group(2)) + " has no closing quote; expected " + m.group(1) + "=\"...\"");
        }
        m = LESS_THAN_IN_VALUE.matcher(text);
        if (m.matches()) {
            return at(attributeInTag(reported, m.group(1), -1), "attribute " + q(m.group(1)) + " on element "
                    + q(m.group(2)) + " has a value containing '<', probably a missing closing quote; expected "
                    + m.group(1) + "=\"...\" with &lt; for a literal '<'");
        }
        m = DUPLICATE_ATTRIBUTE.matcher(text);
        if (m.matches()) {
            return at(attributeInTag(reported, m.group(1), 1), "attribute " + q(m.group(1))
                    + " appears twice on element " + q(m.group(2)) + "; expected each attribute once");
        }
        m = ATTRIBUTE_WITHOUT_VALUE.matcher(text);
        if (m.matches()) {
            return at(attributeInTag(reported, m.group(1), -1), "attribute " + q(m.group(1)) + " on element "
                    + q(m.group(2)) + " has no value; expected " + m.group(1) + "=\"...\"");
        }
        m = START_TAG_UNTERMINATED.matcher(text);
        if (m.matches()) {
            return at(tagStart(reported), "start tag <" + m.group(1) + " is malformed; expected attributes "
                    + "written name=\"value\" and separated by spaces, then '>' or '/>'");
        }
        m = END_TAG_UNTERMINATED.matcher(text);
        if (m.matches()) {
            // The parser matches the expected name as a prefix: </smtpservers> closing <smtpserver> lands here.
            String closing = endTagName(tagStart(reported));
            if (closing != null && !closing.equals(m.group(1))) {
                return endTagMismatch(raw, m.group(1), reported);
            }
            return at(tagStart(reported), "end tag </" + m.group(1) + " is not closed; expected '>'");
        }
        if (MARKUP_AFTER_ROOT.matcher(text).matches()) {
            return at(tagStart(reported), "content after the end of " + rootDescription()
                    + "; expected nothing after " + rootEndTag());
        }
        if (TEXT_AFTER_ROOT.matcher(text).matches()) {
            return at(source.skipWhitespace(reported), "text after the end of " + rootDescription()
                    + "; expected nothing after " + rootEndTag());
        }
        if (TEXT_BEFORE_ROOT.matcher(text).matches()) {
            return textBeforeRoot(reported);
        }
        if (MARKUP_BEFORE_ROOT.matcher(text).matches()) {
            return at(tagStart(reported), "malformed markup before the root element; expected an XML declaration, "
                    + "comments, then " + rootHint);
        }
        if (LATE_XML_DECLARATION.matcher(text).matches()) {
            return at(tagStart(reported), "the XML declaration <?xml ...?> is not at the very start of the file; "
                    + "expected nothing before it, not even a blank line");
        }
        if (BAD_MARKUP.matcher(text).matches()) {
            return at(tagStart(reported), "'<' does not start a valid tag; expected an element name right after '<', "
                    + "or &lt; to write '<'");
        }
        if (BAD_UTF8.matcher(text).matches()) {
            return at(reported, "the file is not valid UTF-8 here; expected UTF-8 text, or an encoding declaration "
                    + "matching how the file was saved, such as <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        }
        m = BAD_CHARACTER_IN_ATTRIBUTE.matcher(text);
        if (m.matches()) {
            return at(attributeInTag(reported, m.group(2), 0), "attribute " + q(m.group(2)) + " on element "
                    + q(m.group(3)) + " contains the control character " + codePoint(m.group(1))
                    + "; expected printable text");
        }
        m = BAD_CHARACTER.matcher(text);
        if (m.matches()) {
            return at(reported, "the control character " + codePoint(m.group(1)) + " appears in " + m.group(2)
                    + "; expected printable text");
        }
        m = UNBOUND_ELEMENT_PREFIX.matcher(text);
        if (m.matches()) {
            return at(tagStart(reported), "prefix " + q(m.group(1)) + " of element " + q(m.group(2))
                    + " is not declared; expected xmlns:" + m.group(1) + "=\"...\" on it or an enclosing element, or no prefix");
        }
        m = UNBOUND_ATTRIBUTE_PREFIX.matcher(text);
        if (m.matches()) {
            return at(attributeInTag(reported, m.group(2), 0), "prefix " + q(m.group(1)) + " of attribute "
                    + q(m.group(2)) + " is not declared; expected xmlns:" + m.group(1) + "=\"...\" or no prefix");
        }
        if (DOUBLE_DASH_IN_COMMENT.matcher(text).matches()) {
            return at(Math.max(source.lastIndexOf("<!--", reported), 0),
                    "comment contains '--'; expected '--' only in the closing -->");
        }
        return at(reported, MessageText.fallback(text));
    }

    private ConfigProblem endTagMismatch(RawProblem raw, String openName, int reported) {
        int endTag = tagStart(reported);
        ElementRecord open = raw.context.innermostOpen;
        String closing = endTagName(endTag);
        if (open == null || closing == null || !open.name().equals(openName)) {
            return at(endTag, MessageText.fallback(raw.message));
        }
        return at(endTag, "end tag </" + closing + "> does not match start tag <" + openName + "> on line "
                + open.location.line() + "; expected </" + openName + ">");
    }

    /** The file ended inside something: say what was left open, and point at where it was opened. */
    private ConfigProblem unexpectedEnd(RawProblem raw, int reported) {
        int comment = source.lastIndexOf("<!--", source.length());
        if (comment >= 0 && source.indexOf("-->", comment + 4) < 0) {
            return at(comment, "comment is never closed; expected -->");
        }
        int cdata = source.lastIndexOf("<![CDATA[", source.length());
        if (cdata >= 0 && source.indexOf("]]>", cdata) < 0) {
            return at(cdata, "CDATA section is never closed; expected ]]>");
        }
        int lastTag = source.lastIndexOf('<', source.length());
        if (lastTag >= 0 && source.indexOf(">", lastTag) < 0) {
            String tag = source.substring(lastTag, Math.min(lastTag + 40, source.length())).split("\\s", 2)[0];
            return at(lastTag, "tag " + tag + " is not closed; expected '>'");
        }
        ElementRecord open = raw.context.innermostOpen;
        if (open != null) {
            return open.location.problem("element " + q(open.name()) + " is never closed; expected </" + open.name()
                    + "> before the end of the file");
        }
        if (records.isEmpty()) {
            return at(reported, "the file has no root element; expected " + rootHint);
        }
        return at(reported, MessageText.fallback(raw.message));
    }

    private ConfigProblem textBeforeRoot(int reported) {
        int first = source.skipWhitespace(0);
        if (first < source.length() && source.charAt(first) != '<') {
            return at(first, "the file does not start with XML; expected <?xml version=\"1.0\"?> or " + rootHint);
        }
        return at(source.skipWhitespace(reported), "text before the root element; expected only comments before "
                + rootHint);
    }

    private String rootDescription() {
        return records.isEmpty() ? "the root element" : "root element " + q(records.get(0).name());
    }

    private String rootEndTag() {
        return records.isEmpty() ? "its end tag" : "</" + records.get(0).name() + ">";
    }

    /** The {@code <} of the tag the parser stopped in (or just after). */
    private int tagStart(int reported) {
        int found = source.lastIndexOf('<', reported - 1);
        return found >= 0 ? found : reported;
    }

    private int back(char wanted, int reported) {
        int found = source.lastIndexOf(wanted, reported - 1);
        return found >= 0 ? found : reported;
    }

    private String endTagName(int endTag) {
        if (endTag + 2 > source.length() || source.charAt(endTag + 1) != '/') {
            return null;
        }
        int i = endTag + 2;
        while (i < source.length() && !SourceText.isXmlWhitespace(source.charAt(i)) && source.charAt(i) != '>'
                && source.charAt(i) != '<') {
            i++;
        }
        return i > endTag + 2 ? source.substring(endTag + 2, i) : null;
    }

    /** The attribute name right before a value the parser choked on: back over '=', blanks and the name. */
    private int attributeBefore(int reported, String name) {
        int i = reported - 1;
        while (i >= 0 && SourceText.isXmlWhitespace(source.charAt(i))) {
            i--;
        }
        if (i >= 0 && source.charAt(i) == '=') {
            i--;
        }
        while (i >= 0 && SourceText.isXmlWhitespace(source.charAt(i))) {
            i--;
        }
        int end = i + 1;
        int start = end - name.length();
        if (start >= 0 && source.substring(start, end).equals(name)) {
            return start;
        }
        return tagStart(reported);
    }

    /**
     * The {@code occurrence}-th (0-based; -1 for the last) occurrence of attribute {@code name} in the tag the
     * parser stopped in, or the tag's {@code <}.
     */
    private int attributeInTag(int reported, String name, int occurrence) {
        int tag = tagStart(reported);
        String tagText = source.substring(tag, Math.max(reported, tag + 1));
        Matcher m = Pattern.compile("(?<=\\s)" + Pattern.quote(name) + "(?=[\\s=]|$)").matcher(tagText);
        int found = -1;
        int index = 0;
        while (m.find()) {
            if (occurrence < 0 || index == occurrence) {
                found = tag + m.start();
                if (occurrence >= 0) {
                    break;
                }
            }
            index++;
        }
        return found >= 0 ? found : tag;
    }

    private ConfigProblem at(int offset, String message) {
        return stamper.locationAt(Math.max(0, Math.min(offset, source.length()))).problem(message);
    }

    private static String codePoint(String hex) {
        return String.format("U+%04X", Integer.parseInt(hex, 16));
    }

    private static String q(String text) {
        return MessageText.quote(text);
    }
}
