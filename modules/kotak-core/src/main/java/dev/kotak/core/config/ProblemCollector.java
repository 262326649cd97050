package dev.kotak.core.config;

import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Collects errors instead of stopping at the first, so that an operator fixes a file in one round; only a
 * fatal (well-formedness) error ends the parse, because nothing after it can be trusted.
 * Warnings are ignored: they never make a configuration unusable.
 */
final class ProblemCollector implements ErrorHandler {

    private final RawProblem.Origin origin;
    private final LocatingDomBuilder builder;
    private final List<RawProblem> sink;

    ProblemCollector(RawProblem.Origin origin, LocatingDomBuilder builder, List<RawProblem> sink) {
        this.origin = origin;
        this.builder = builder;
        this.sink = sink;
    }

    @Override
    public void warning(SAXParseException exception) {
        // Deliberately ignored, see class comment.
    }

    @Override
    public void error(SAXParseException exception) {
        sink.add(new RawProblem(origin, exception, builder.context()));
    }

    @Override
    public void fatalError(SAXParseException exception) throws SAXParseException {
        sink.add(new RawProblem(origin, exception, builder.context()));
        throw exception;
    }
}
