package dev.kotak.pop3.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.core.config.ConfigException;

class Pop3ConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void everyElementIsRead() throws Exception {
        Pop3Config config = read("<pop3>\n"
            + "  <uidl format=\"uid-uidvalidity\"/>\n"
            + "  <plaintextAuth requireTls=\"true\" exemptLoopback=\"1\"/>\n"
            + "  <sessionLock enabled=\"true\"/>\n"
            + "  <authFailures delay=\"500ms\" maxDelay=\"1m\" disconnectAfter=\"5\"/>\n"
            + "  <badCommands beforeLogin=\"4\" afterLogin=\"30\"/>\n"
            + "</pop3>\n");

        assertThat(config.uidlFormat()).isEqualTo(UidlFormat.UID_UIDVALIDITY);
        assertThat(config.requireTls()).isTrue();
        assertThat(config.exemptLoopback()).isTrue();
        assertThat(config.sessionLock()).isTrue();
        assertThat(config.authFailureDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.authFailureMaxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.disconnectAfterAuthFailures()).isEqualTo(5);
        assertThat(config.badCommandsBeforeLogin()).isEqualTo(4);
        assertThat(config.badCommandsAfterLogin()).isEqualTo(30);
    }

    @Test
    void anEmptyFileMeansDefaults() throws Exception {
        assertThat(read("<pop3/>")).isEqualTo(Pop3Config.DEFAULTS);
        assertThat(Pop3Config.DEFAULTS.uidlFormat()).isEqualTo(UidlFormat.UID);
        assertThat(Pop3Config.DEFAULTS.requireTls()).isFalse();
        assertThat(Pop3Config.DEFAULTS.sessionLock()).isFalse();
        assertThat(Pop3Config.DEFAULTS.authFailureDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Pop3Config.DEFAULTS.authFailureMaxDelay()).isEqualTo(Duration.ofSeconds(15));
        assertThat(Pop3Config.DEFAULTS.disconnectAfterAuthFailures()).isEqualTo(3);
        assertThat(Pop3Config.DEFAULTS.badCommandsBeforeLogin()).isEqualTo(3);
        assertThat(Pop3Config.DEFAULTS.badCommandsAfterLogin()).isEqualTo(20);
    }

    @Test
    void missingAttributesKeepTheirDefaults() throws Exception {
        Pop3Config config = read("<pop3><authFailures delay=\"1s\"/><plaintextAuth requireTls=\"true\"/></pop3>");

        assertThat(config.authFailureDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.authFailureMaxDelay()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.exemptLoopback()).isFalse();
    }

    @Test
    void theShippedFileHasTheDistributionValues() throws Exception {
        Path shipped = Path.of(System.getProperty("kotak.conf.dir", "../../conf")).resolve("pop3.xml");

        Pop3Config config = Pop3ConfigReader.read(shipped);

        assertThat(config).isEqualTo(Pop3Config.builder()
            .uidlFormat(UidlFormat.UID_UIDVALIDITY).requireTls(true).exemptLoopback(false).sessionLock(true)
            .build());
    }

    @Test
    void theShippedSchemaIsTheOneInTheJar() throws Exception {
        Path shipped = Path.of(System.getProperty("kotak.conf.dir", "../../conf")).resolve("pop3.xsd");

        assertThat(Files.readString(shipped))
            .isEqualTo(new String(Pop3ConfigReader.SCHEMA.openStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownUidlFormatPointsAtTheAttribute() {
        assertProblem("<pop3>\n  <uidl format=\"md5\"/>\n</pop3>",
            "pop3.xml:2:9: attribute 'format' on element 'uidl' has value 'md5'; expected one of: uid, uid-uidvalidity");
    }

    @Test
    void aBadDurationIsExplained() {
        assertProblem("<pop3>\n<authFailures delay=\"2 seconds\"/>\n</pop3>",
            "pop3.xml:2:15: attribute 'delay' on element 'authFailures' has value '2 seconds'; "
                + "expected a duration such as 2s, 500ms or 1m");
    }

    @Test
    void aCountMustBePositive() {
        assertProblem("<pop3>\n<badCommands beforeLogin=\"0\"/>\n</pop3>",
            "pop3.xml:2:14: attribute 'beforeLogin' on element 'badCommands' has value '0'; "
                + "expected a whole number from 1 to 1000");
    }

    @Test
    void aMisspeltElementIsReported() {
        assertProblem("<pop3>\n  <sesionLock enabled=\"true\"/>\n</pop3>",
            "pop3.xml:2:3: element 'sesionLock' is not allowed here; expected one of: ");
    }

    @Test
    void maxDelayShorterThanDelayIsRefused() {
        assertProblem("<pop3>\n<authFailures delay=\"10s\" maxDelay=\"5s\"/>\n</pop3>",
            "pop3.xml:2:27: authFailures maxDelay (5s) is shorter than delay (10s); "
                + "expected maxDelay equal to or longer than delay");
    }

    @Test
    void aBooleanMustBeABoolean() {
        assertProblem("<pop3>\n<sessionLock enabled=\"yes\"/>\n</pop3>",
            "pop3.xml:2:14: attribute 'enabled' on element 'sessionLock' has value 'yes'; expected ");
    }

    private Pop3Config read(String xml) throws IOException, ConfigException {
        Path file = dir.resolve("pop3.xml");
        Files.writeString(file, xml);
        return Pop3ConfigReader.read(file);
    }

    private void assertProblem(String xml, String expectedPrefix) {
        assertThatThrownBy(() -> read(xml))
            .isInstanceOf(ConfigException.class)
            .satisfies(e -> assertThat(e.getMessage()).startsWith(expectedPrefix));
    }
}
