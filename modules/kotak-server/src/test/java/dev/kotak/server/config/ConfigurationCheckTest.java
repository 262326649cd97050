package dev.kotak.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.core.config.ConfigProblem;
import dev.kotak.server.testing.ServerHome;

class ConfigurationCheckTest {
    @TempDir
    Path conf;

    @BeforeEach
    void copyShippedConfiguration() throws IOException {
        try (Stream<Path> files = Files.list(ServerHome.shippedConfiguration())) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void theShippedConfigurationIsValid() {
        assertThat(check()).isEmpty();
    }

    @Test
    void retentionRulesASchemaCannotExpressAreCheckedToo() throws IOException {
        Files.writeString(conf.resolve("retention.xml"), "<retention>\n"
            + "  <assignments default=\"rfc1939\">\n"
            + "    <user name=\"alice@example.org\" policy=\"leave-14d\"/>\n"
            + "  </assignments>\n"
            + "</retention>\n");

        assertThat(first()).startsWith("retention.xml:3:").contains("leave-14d");
    }

    @Test
    void retentionNoticesAreListedForAValidConfiguration() throws IOException {
        Files.writeString(conf.resolve("retention.xml"), "<retention>\n"
            + "  <holds><hold user=\"bob@example.org\" reason=\"Case 9\" owner=\"legal\"/></holds>\n"
            + "</retention>\n");
        ConfigurationCheck check = new ConfigurationCheck(conf);

        assertThat(check.run()).isEmpty();
        assertThat(check.notices()).singleElement().asString().startsWith("retention.xml:2:").contains("bob@example.org");
    }

    @Test
    void aMalformedXmlFileIsReportedWithItsPosition() throws IOException {
        replace("pop3server.xml", "</pop3server>", "</pop3srever>");

        assertThat(first()).matches("pop3server\\.xml:\\d+:\\d+: end tag </pop3srever> does not match start tag "
            + "<pop3server> on line \\d+; expected </pop3server>");
    }

    @Test
    void aBindWithoutAPortIsReportedAtTheBindElement() throws IOException {
        replace("smtpserver.xml", "<bind>0.0.0.0:587</bind>", "<bind>0.0.0.0</bind>");
        int line = lineOf("smtpserver.xml", "<bind>0.0.0.0</bind>");

        assertThat(first()).startsWith("smtpserver.xml:" + line + ":")
            .endsWith(": '0.0.0.0' is not a listener address; expected host:port such as 0.0.0.0:110, several "
                + "separated by commas");
    }

    @Test
    void aPortOutOfRangeIsReported() throws IOException {
        replace("imapserver.xml", "<bind>0.0.0.0:993</bind>", "<bind>0.0.0.0:99300</bind>");

        assertThat(first()).contains("imapserver.xml:")
            .endsWith("'99300' in '0.0.0.0:99300' is not a port; expected a number from 0 to 65535");
    }

    @Test
    void anXmlFileWithASchemaNextToItIsValidatedAgainstIt() throws IOException {
        Files.writeString(conf.resolve("widget.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
            + "  <xs:element name=\"widget\"><xs:complexType>\n"
            + "    <xs:attribute name=\"size\" type=\"xs:positiveInteger\"/>\n"
            + "  </xs:complexType></xs:element>\n"
            + "</xs:schema>\n");
        Files.writeString(conf.resolve("widget.xml"), "<widget\n  size=\"big\"/>\n");

        assertThat(first()).startsWith("widget.xml:2:3: attribute 'size' on element 'widget' has value 'big'; expected ");
    }

    @Test
    void theShippedPop3SettingsAreCheckedAgainstTheShippedSchema() throws IOException {
        assertThat(Files.exists(conf.resolve("pop3.xsd"))).as("conf/pop3.xsd is shipped").isTrue();
        replace("pop3.xml", "<uidl format=\"uid-uidvalidity\"/>", "<uidl format=\"md5\"/>");
        int line = lineOf("pop3.xml", "<uidl format=\"md5\"/>");

        assertThat(first()).isEqualTo("pop3.xml:" + line + ":11: attribute 'format' on element 'uidl' has value "
            + "'md5'; expected one of: uid, uid-uidvalidity");
    }

    @Test
    void aFileWithoutSchemaIsOnlyCheckedForWellFormedness() throws IOException {
        Files.writeString(conf.resolve("free.xml"), "<anything goes=\"yes\"><really/></anything>\n");

        assertThat(check()).isEmpty();
    }

    @Test
    void anUnusableSchemaIsReported() throws IOException {
        Files.writeString(conf.resolve("broken.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
            + "<xs:element/></xs:schema>\n");
        Files.writeString(conf.resolve("broken.xml"), "<broken/>\n");

        assertThat(first()).startsWith("broken.xsd: cannot be used as the schema of broken.xml (");
    }

    @Test
    void anUnknownJdbcDriverIsReportedAtItsLine() throws IOException {
        Files.writeString(conf.resolve("james-database.properties"),
            "# comment\ndatabase.driverClassName=org.example.NoSuchDriver\ndatabase.url=jdbc:nosuch://x\n");

        assertThat(first()).isEqualTo("james-database.properties:2:1: JDBC driver 'org.example.NoSuchDriver' is not "
            + "on the class path; expected org.apache.derby.jdbc.EmbeddedDriver, org.postgresql.Driver or "
            + "org.mariadb.jdbc.Driver, or put your driver's jar in lib/");
    }

    @Test
    void aMissingDatabaseUrlIsReported() throws IOException {
        Files.writeString(conf.resolve("james-database.properties"),
            "database.driverClassName=org.apache.derby.jdbc.EmbeddedDriver\n");

        assertThat(first()).isEqualTo("james-database.properties: 'database.url' is not set; expected a JDBC URL "
            + "such as jdbc:derby:var/store/derby;create=true");
    }

    @Test
    void aMissingDatabaseFileIsReported() throws IOException {
        Files.delete(conf.resolve("james-database.properties"));

        assertThat(first()).isEqualTo("james-database.properties: file not found; expected a database "
            + "configuration: database.driverClassName and database.url");
    }

    @Test
    void aWebAdminPortThatIsNotANumberIsReported() throws IOException {
        replace("webadmin.properties", "port=8000", "port=eight thousand");

        assertThat(first()).matches("webadmin\\.properties:\\d+:1: 'port' is 'eight thousand'; expected a port "
            + "number from 0 to 65535");
    }

    @Test
    void theMessageCountsTheOtherProblems() throws IOException {
        replace("webadmin.properties", "port=8000", "port=x");
        replace("jmx.properties", "jmx.port=9999", "jmx.port=y");

        assertThat(InvalidConfigurationException.describe(check()))
            .endsWith("(1 more problem; run bin/kotak check-config again after fixing this one)");
    }

    private List<ConfigProblem> check() {
        return new ConfigurationCheck(conf).run();
    }

    private String first() {
        List<ConfigProblem> problems = check();
        assertThat(problems).isNotEmpty();
        return problems.get(0).render();
    }

    private void replace(String file, String from, String to) throws IOException {
        Path path = conf.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(text).as("%s contains %s", file, from).contains(from);
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private int lineOf(String file, String text) throws IOException {
        List<String> lines = Files.readAllLines(conf.resolve(file), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
