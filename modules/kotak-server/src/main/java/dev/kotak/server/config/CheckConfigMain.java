package dev.kotak.server.config;

import java.nio.file.Path;
import java.util.List;

import dev.kotak.core.config.ConfigProblem;

/**
 * {@code bin/kotak check-config}: validates a configuration directory without starting anything. Prints the first
 * problem as {@code file:line:column: message} (and how many more there are) on standard error and exits 1, or
 * prints {@code configuration OK} and exits 0.
 */
public final class CheckConfigMain {
    private CheckConfigMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CheckConfigMain <conf directory>");
            System.exit(2);
        }
        ConfigurationCheck check = new ConfigurationCheck(Path.of(args[0]));
        List<ConfigProblem> problems = check.run();
        if (problems.isEmpty()) {
            check.notices().forEach(notice -> System.out.println("notice: " + notice));
            System.out.println("configuration OK");
            return;
        }
        System.err.println(InvalidConfigurationException.describe(problems));
        System.exit(1);
    }
}
