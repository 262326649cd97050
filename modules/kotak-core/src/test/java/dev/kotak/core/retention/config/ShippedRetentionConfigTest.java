package dev.kotak.core.retention.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.core.retention.DeleteAction;
import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.ExpireCapability;
import dev.kotak.core.retention.OnDelete;
import dev.kotak.core.retention.OnRetrieve;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.RetrieveAction;

/**
 * The shipped {@code conf/retention.xml} is the safe default, and its commented recipes, once uncommented,
 * are valid and do what their comments say; {@code docs/retention.md} shows the same blocks.
 */
class ShippedRetentionConfigTest {
    private static final Path CONF = Path.of(System.getProperty("kotak.conf.dir", "../../conf"));
    private static final Path DOCS = Path.of(System.getProperty("kotak.docs.dir", "../../docs"));
    /** A recipe block: a comment whose first line is {@code recipe NAME:}, closed on a line of its own. */
    private static final Pattern RECIPE = Pattern.compile("<!-- recipe ([a-z0-9-]+):\\n(.*?)\\n[ \\t]*-->", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theShippedFileIsTheDefault() throws Exception {
        RetentionConfig shipped = RetentionConfigReader.read(CONF.resolve("retention.xml"));

        RetentionConfigReaderTest.assertSameAsDefault(shipped);
    }

    @Test
    void theShippedSchemaIsTheOneInTheJar() throws Exception {
        try (InputStream jar = RetentionConfigReader.SCHEMA.openStream()) {
            assertThat(Files.readAllBytes(CONF.resolve("retention.xsd"))).isEqualTo(jar.readAllBytes());
        }
    }

    @Test
    void theSchemasDeviceNameIsDeviceRuleName() throws Exception {
        String schema = Files.readString(CONF.resolve("retention.xsd"));
        Matcher deviceName = Pattern.compile("<xs:simpleType name=\"deviceName\">.*?<xs:pattern value=\"([^\"]+)\"/>",
            Pattern.DOTALL).matcher(schema);

        assertThat(deviceName.find()).isTrue();
        assertThat(deviceName.group(1)).isEqualTo(DeviceRule.NAME.pattern());
    }

    @Test
    void theHeaderListsEveryRecipe() throws Exception {
        String shipped = shipped();
        String header = shipped.substring(0, shipped.indexOf("<retention>"));

        assertThat(recipes(shipped).keySet()).containsExactly("mark-as-read", "leave-14d", "phone-and-desktop",
            "delete-on-download", "gdpr-90d", "restorable", "legal-hold");
        for (String recipe : recipes(shipped).keySet()) {
            assertThat(header).contains("    " + recipe + " ");
        }
    }

    @Test
    void eachRecipeUncommentedAloneIsValid() throws Exception {
        String shipped = shipped();
        for (String recipe : recipes(shipped).keySet()) {
            RetentionConfig config = read(uncomment(shipped, recipe));
            assertThat(config.policies()).as(recipe).isNotEmpty();
        }
    }

    @Test
    void everyRecipeUncommentedDoesWhatItsCommentSays() throws Exception {
        RetentionConfig config = read(uncomment(shipped(), null));

        Policy markAsRead = config.resolve("alice@example.org").policy();
        assertThat(markAsRead.name()).isEqualTo("mark-as-read");
        assertThat(markAsRead.onRetrieve()).isEqualTo(OnRetrieve.of(RetrieveAction.SEEN));
        assertThat(ExpireCapability.afterLogin(markAsRead)).isEqualTo("EXPIRE NEVER");

        Policy leave = config.resolve("someone@example.org").policy();
        assertThat(leave.name()).isEqualTo("leave-14d");
        assertThat(leave.lifetimes().retrieved()).contains(Duration.ofDays(14));
        assertThat(leave.lifetimes().unretrieved()).isEmpty();
        assertThat(leave.onDelete()).isEqualTo(OnDelete.EXPUNGE);
        assertThat(ExpireCapability.afterLogin(leave)).isEqualTo("EXPIRE 14");

        Policy devices = config.resolve("bob@example.org").policy();
        assertThat(devices.session(Optional.of("phone")).orElseThrow().onDelete())
            .isEqualTo(OnDelete.of(DeleteAction.HIDE_FROM_DEVICE));
        assertThat(devices.session(Optional.of("Desktop")).orElseThrow().onDelete()).isEqualTo(OnDelete.EXPUNGE);
        assertThat(devices.session(Optional.of("tablet")).orElseThrow().onDelete())
            .isEqualTo(OnDelete.of(DeleteAction.HIDE_FROM_DEVICE));
        assertThat(devices.session(Optional.empty()).orElseThrow().onDelete()).isEqualTo(OnDelete.EXPUNGE);

        for (String member : List.of("carol@example.org", "erin@example.org")) {
            EffectivePolicy privacy = config.resolve(member);
            assertThat(privacy.explain()).isEqualTo("policy delete-on-download, assigned to group privacy");
            assertThat(privacy.policy().onRetrieve()).isEqualTo(OnRetrieve.of(RetrieveAction.DELETE));
            assertThat(ExpireCapability.afterLogin(privacy.policy())).isEqualTo("EXPIRE 0");
        }

        Policy gdpr = config.resolve("someone@eu.example.org").policy();
        assertThat(gdpr.lifetimes().maxAge()).contains(Duration.ofDays(90));
        assertThat(ExpireCapability.afterLogin(gdpr)).isEqualTo("EXPIRE 0");

        Policy restorable = config.resolve("frank@example.org").policy();
        assertThat(restorable.onDelete()).isEqualTo(OnDelete.of(DeleteAction.HIDE));
        assertThat(restorable.lifetimes().hidden()).contains(Duration.ofDays(30));

        assertThat(config.hold("dave@example.org").orElseThrow().reason()).isEqualTo("Case 2026-17");
        assertThat(config.notices()).hasSize(1);
        assertThat(config.notices().get(0)).contains("legal hold on dave@example.org (Case 2026-17")
            .contains("overrides onDelete=expunge, expire.retrieved=14d of policy leave-14d");
        assertThat(ExpireCapability.beforeLogin(config.assignablePolicies())).isEqualTo("EXPIRE 0 USER");
    }

    @Test
    void theDocumentationShowsEveryRecipeBlockAsShipped() throws Exception {
        String docs = trimLines(Files.readString(DOCS.resolve("retention.md")));
        for (Map.Entry<String, List<String>> recipe : recipes(shipped()).entrySet()) {
            for (String block : recipe.getValue()) {
                assertThat(docs).as("recipe " + recipe.getKey() + " in docs/retention.md").contains(trimLines(block));
            }
        }
    }

    @Test
    void everyCompleteFileInTheDocumentationIsValid() throws Exception {
        Matcher block = Pattern.compile("```xml\\n(<retention>.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(DOCS.resolve("retention.md")));
        int files = 0;
        while (block.find()) {
            read(block.group(1));
            files++;
        }
        assertThat(files).isPositive();
    }

    private static String shipped() throws IOException {
        return Files.readString(CONF.resolve("retention.xml"), StandardCharsets.UTF_8);
    }

    /** Recipe name to its blocks, in file order. */
    private static Map<String, List<String>> recipes(String xml) {
        Map<String, List<String>> recipes = new LinkedHashMap<>();
        Matcher matcher = RECIPE.matcher(xml);
        while (matcher.find()) {
            recipes.computeIfAbsent(matcher.group(1), name -> new ArrayList<>()).add(matcher.group(2));
        }
        return recipes;
    }

    /** The file with the blocks of one recipe (every recipe when {@code recipe} is null) uncommented. */
    private static String uncomment(String xml, String recipe) {
        Matcher matcher = RECIPE.matcher(xml);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = recipe == null || recipe.equals(matcher.group(1)) ? matcher.group(2) : matcher.group();
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private RetentionConfig read(String xml) throws Exception {
        Path file = dir.resolve("retention.xml");
        Files.writeString(file, xml);
        return RetentionConfigReader.read(file);
    }

    private static String trimLines(String text) {
        return text.lines().map(String::strip).collect(Collectors.joining("\n"));
    }
}
