package dev.kotak.server.config;

import java.util.List;

import dev.kotak.core.config.ConfigProblem;

/** The server refuses to start: its configuration has problems, the first of which leads the message. */
public final class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigurationException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The first problem, and how many others follow: an operator fixes one thing at a time. */
    static String describe(List<ConfigProblem> problems) {
        String first = problems.get(0).render();
        int more = problems.size() - 1;
        return more == 0 ? first : first + "\n(" + more + " more problem" + (more == 1 ? "" : "s")
            + "; run bin/kotak check-config again after fixing this one)";
    }
}
