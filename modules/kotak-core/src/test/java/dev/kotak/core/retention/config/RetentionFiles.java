package dev.kotak.core.retention.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.kotak.core.config.ConfigException;
import dev.kotak.core.config.ConfigProblem;

/** Writes test files as {@code retention.xml}, line N of a file being the N-th argument. */
final class RetentionFiles {
    private final Path dir;

    RetentionFiles(Path dir) {
        this.dir = dir;
    }

    RetentionConfig read(String... lines) throws ConfigException {
        return RetentionConfigReader.read(write(lines));
    }

    Path write(String... lines) {
        Path file = dir.resolve("retention.xml");
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Every problem of the file, rendered, in file order; fails if the file reads. */
    List<String> problems(String... lines) {
        List<String> rendered = new ArrayList<>();
        assertThatThrownBy(() -> read(lines)).isInstanceOfSatisfying(ConfigException.class, e -> {
            for (ConfigProblem problem : e.problems()) {
                rendered.add(problem.render());
            }
        });
        return rendered;
    }

    /** A file of one {@code <policies>} holding the given lines, the first of them on line 3. */
    static String[] policies(String... lines) {
        List<String> file = new ArrayList<>();
        file.add("<retention>");
        file.add("  <policies>");
        file.addAll(List.of(lines));
        file.add("  </policies>");
        file.add("</retention>");
        return file.toArray(new String[0]);
    }
}
