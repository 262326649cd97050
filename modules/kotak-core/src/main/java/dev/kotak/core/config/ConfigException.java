package dev.kotak.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file is unusable; carries every problem found, in file order, and leads its message with
 * the first one so that a one-line log or a startup failure shows the most useful line.
 *
 * <p>Checked on purpose: loading configuration happens at a few startup boundaries, and each of them must
 * decide to stop the server with this message (principle 1 of the design: never run with a half-understood
 * policy). The compiler then reminds every new call site, and the adapters rethrow it as James's own checked
 * {@code ConfigurationException} without a catch-all.
 */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(firstOf(problems).render());
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** Every problem found, in file order; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Every problem rendered, one per line, for a command-line check or a log entry. */
    public String describeAll() {
        return problems.stream().map(ConfigProblem::render).collect(Collectors.joining(System.lineSeparator()));
    }

    private static ConfigProblem firstOf(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.get(0);
    }
}
