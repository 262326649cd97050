package dev.kotak.core.config;

import org.xml.sax.SAXParseException;

/** An error exactly as the JDK's parser or validator reported it, with what the builder was doing at the time. */
final class RawProblem {

    /** Who reported it: their messages need different translations. */
    enum Origin { PARSER, VALIDATOR }

    final Origin origin;
    final String message;
    final int line;
    final int column;
    final LocatingDomBuilder.Context context;

    RawProblem(Origin origin, SAXParseException exception, LocatingDomBuilder.Context context) {
        this.origin = origin;
        this.message = exception.getMessage() == null ? "" : exception.getMessage().strip();
        this.line = exception.getLineNumber();
        this.column = exception.getColumnNumber();
        this.context = context;
    }
}
