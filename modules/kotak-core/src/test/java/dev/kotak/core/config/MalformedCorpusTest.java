package dev.kotak.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data-driven: every file under {@code malformed/} must fail with exactly the message listed for it in
 * {@code malformed/expected-messages.properties}. Failures are collected and reported together, so that a
 * change in wording shows its full impact at once.
 */
class MalformedCorpusTest {

    private static Path corpus;
    private static Properties expected;
    private static XmlConfigLoader loader;

    @BeforeAll
    static void readCorpus() throws IOException, URISyntaxException {
        corpus = Paths.get(MalformedCorpusTest.class.getResource("/malformed/expected-messages.properties").toURI())
                .getParent();
        expected = new Properties();
        try (Reader reader = Files.newBufferedReader(corpus.resolve("expected-messages.properties"),
                StandardCharsets.UTF_8)) {
            expected.load(reader);
        }
        loader = XmlConfigLoader.withSchema(MalformedCorpusTest.class.getResource("/retention-test.xsd"));
    }

    @Test
    void everyCorpusFileFailsWithExactlyItsExpectedMessage() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (String file : corpusFiles()) {
            String wanted = expected.getProperty(file);
            String actual = messageOf(loader, file);
            if (wanted == null) {
                mismatches.add(file + ": no expectation listed; actual: " + actual);
            } else if (!wanted.equals(actual)) {
                mismatches.add(file + ":\n    expected: " + wanted + "\n    actual:   " + actual);
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " corpus file(s) did not produce their expected message:\n"
                    + String.join("\n", mismatches));
        }
    }

    @Test
    void everyExpectationHasItsFileAndTheCorpusCoversAtLeast22Cases() throws IOException {
        Set<String> files = corpusFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(22);
        assertThat(files).containsAll(expected.stringPropertyNames());
    }

    /** Files without a schema (James's own) go through the same parser: same message, or fine if only invalid. */
    @Test
    void wellFormednessOnlyGivesTheSameMessageOrAcceptsSchemaOnlyMistakes() throws IOException {
        XmlConfigLoader wellFormedOnly = XmlConfigLoader.wellFormedOnly();
        List<String> mismatches = new ArrayList<>();
        int rejected = 0;
        for (String file : corpusFiles()) {
            String actual = messageOf(wellFormedOnly, file);
            if (actual == null) {
                continue;
            }
            rejected++;
            String wanted = expected.getProperty(file);
            if (file.equals("empty.xml")) {
                wanted = "empty.xml: file is empty; expected an XML document with a root element";
            } else if (file.equals("garbage.xml")) {
                wanted = "garbage.xml:1:1: the file does not start with XML; expected <?xml version=\"1.0\"?> or the root element";
            }
            if (!actual.equals(wanted)) {
                mismatches.add(file + ":\n    expected: " + wanted + "\n    actual:   " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(rejected).as("files that are not even well-formed").isGreaterThanOrEqualTo(18);
    }

    @Test
    void noMessageEverShowsAValidatorCode() throws IOException {
        for (String file : corpusFiles()) {
            try {
                loader.load(corpus.resolve(file));
            } catch (ConfigException e) {
                assertThat(e.problems()).allSatisfy(problem -> assertThat(problem.message())
                        .doesNotContain("cvc-").doesNotContain("JAXP").doesNotContain("{\""));
            }
        }
    }

    private static String messageOf(XmlConfigLoader configLoader, String file) {
        try {
            configLoader.load(corpus.resolve(file));
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static Set<String> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(corpus)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".xml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
