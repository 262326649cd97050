package dev.kotak.core.retention.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.core.retention.AccessWindow;
import dev.kotak.core.retention.DeleteAction;
import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.Lifetimes;
import dev.kotak.core.retention.OnDelete;
import dev.kotak.core.retention.OnRetrieve;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.RetrieveAction;
import dev.kotak.core.retention.UnknownDevices;

class RetentionConfigReaderTest {
    @TempDir
    Path dir;

    private RetentionFiles files;

    @BeforeEach
    void files() {
        files = new RetentionFiles(dir);
    }

    @Test
    void everyElementAndAttributeOfAPolicyIsRead() throws Exception {
        RetentionConfig config = files.read(RetentionFiles.policies(
            "    <policy name=\"full\">",
            "      <onRetrieve action=\"move\" folder=\"Archive/POP3\"/>",
            "      <onDelete action=\"move\" folder=\"POP3 Deleted\"/>",
            "      <expire unretrieved=\"60d\" retrieved=\"14d\" hidden=\"12h\" maxAge=\"1y\"/>",
            "      <view newerThan=\"90s\" since=\"2026-01-01\" maxMessages=\"250\"/>",
            "      <loginDelay value=\"15m\"/>",
            "      <advertise expire=\"0\"/>",
            "      <devices unknown=\"Phone\" keepUntilAllRetrieved=\"1\">",
            "        <device name=\"Phone\"><onRetrieve action=\"seen\"/><onDelete action=\"hide-from-device\"/>"
                + "<view newerThan=\"7d\"/></device>",
            "        <device name=\"desktop\"/>",
            "      </devices>",
            "    </policy>"));

        Policy full = config.policies().get("full");
        assertThat(full.onRetrieve()).isEqualTo(OnRetrieve.moveTo("Archive/POP3"));
        assertThat(full.onDelete()).isEqualTo(OnDelete.moveTo("POP3 Deleted"));
        assertThat(full.lifetimes()).isEqualTo(new Lifetimes(Optional.of(Duration.ofDays(60)),
            Optional.of(Duration.ofDays(14)), Optional.of(Duration.ofHours(12)), Optional.of(Duration.ofDays(365))));
        AccessWindow view = new AccessWindow(Optional.of(Duration.ofSeconds(90)),
            Optional.of(Instant.parse("2026-01-01T00:00:00Z")), OptionalInt.of(250));
        assertThat(full.view()).isEqualTo(view);
        assertThat(full.loginDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(full.advertisedExpireDays()).isEqualTo(OptionalLong.of(0));
        assertThat(full.unknownDevices()).isEqualTo(UnknownDevices.as("phone"));
        assertThat(full.keepUntilAllDevicesRetrieved()).isTrue();
        assertThat(full.devices()).containsOnlyKeys("phone", "desktop");
        assertThat(full.devices().get("phone")).isEqualTo(new DeviceRule("Phone",
            Optional.of(OnRetrieve.of(RetrieveAction.SEEN)), Optional.of(OnDelete.of(DeleteAction.HIDE_FROM_DEVICE)),
            Optional.of(new AccessWindow(Optional.of(Duration.ofDays(7)),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), OptionalInt.of(250)))));
        assertThat(full.devices().get("desktop"))
            .isEqualTo(new DeviceRule("desktop", Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void aPolicyThatWritesNothingIsRfc1939UnderAnotherName() throws Exception {
        RetentionConfig config = files.read(RetentionFiles.policies("    <policy name=\"plain\"/>"));

        assertThat(config.policies().get("plain")).isEqualTo(Policy.RFC1939.toBuilder("plain").build());
        assertThat(config.policies()).containsOnlyKeys(Policy.RFC1939_NAME, "plain");
        assertThat(config.policies().get(Policy.RFC1939_NAME)).isSameAs(Policy.RFC1939);
    }

    @Test
    void anEmptyFileIsTheDefaultConfiguration() throws Exception {
        RetentionConfig config = files.read("<retention/>");

        assertSameAsDefault(config);
        assertSameAsDefault(RetentionConfig.DEFAULT);
    }

    static void assertSameAsDefault(RetentionConfig config) {
        assertThat(config.policies()).containsExactly(java.util.Map.entry(Policy.RFC1939_NAME, Policy.RFC1939));
        EffectivePolicy anyone = config.resolve("anyone@example.org");
        assertThat(anyone.policy()).isSameAs(Policy.RFC1939);
        assertThat(anyone.assignment()).isEqualTo(new Assignment(Assignment.Scope.DEFAULT, Optional.empty(), "rfc1939"));
        assertThat(anyone.explain()).isEqualTo("policy rfc1939, the default");
        assertThat(anyone.origins().values()).containsOnly(EffectivePolicy.DEFAULT_ORIGIN);
        assertThat(config.holds()).isEmpty();
        assertThat(config.hold("anyone@example.org")).isEmpty();
        assertThat(config.sweeper()).isEqualTo(SweeperSettings.DEFAULT);
        assertThat(config.notices()).isEmpty();
        assertThat(config.assignablePolicies()).containsExactly(Policy.RFC1939);
    }

    @Test
    void sweeperDefaultsAreEnabledDailyAndTwentyUsersASecond() throws Exception {
        assertThat(SweeperSettings.DEFAULT.enabled()).isTrue();
        assertThat(SweeperSettings.DEFAULT.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(SweeperSettings.DEFAULT.usersPerSecond()).isEqualTo(20);
        assertThat(files.read("<retention><sweeper/></retention>").sweeper()).isEqualTo(SweeperSettings.DEFAULT);
        assertThat(files.read("<retention><sweeper interval=\"90s\"/></retention>").sweeper())
            .isEqualTo(new SweeperSettings(true, Duration.ofSeconds(90), 20));
        assertThat(files.read("<retention><sweeper enabled=\"false\" usersPerSecond=\"5\"/></retention>").sweeper())
            .isEqualTo(new SweeperSettings(false, Duration.ofDays(1), 5));
    }

    @Test
    void sinceAndUntilAcceptADateOrADateAndTime() throws Exception {
        RetentionConfig config = files.read(
            "<retention>",
            "  <policies>",
            "    <policy name=\"utc\"><view since=\"2026-03-01T08:30:00Z\"/></policy>",
            "    <policy name=\"offset\"><view since=\"2026-03-01T08:30+02:00\"/></policy>",
            "    <policy name=\"local\"><view since=\"2026-03-01T08:30:15.5\"/></policy>",
            "  </policies>",
            "  <assignments>",
            "    <user name=\"a\" policy=\"utc\"/><user name=\"b\" policy=\"offset\"/><user name=\"c\" policy=\"local\"/>",
            "  </assignments>",
            "  <holds>",
            "    <hold user=\"h@example.org\" reason=\"r\" owner=\"o\" until=\"2027-06-30\"/>",
            "  </holds>",
            "</retention>");

        assertThat(config.policies().get("utc").view().since()).contains(Instant.parse("2026-03-01T08:30:00Z"));
        assertThat(config.policies().get("offset").view().since()).contains(Instant.parse("2026-03-01T06:30:00Z"));
        assertThat(config.policies().get("local").view().since()).contains(Instant.parse("2026-03-01T08:30:15.500Z"));
        assertThat(config.hold("h@example.org").orElseThrow().until()).contains(Instant.parse("2027-06-30T00:00:00Z"));
    }

    @Test
    void namesMayCarryBlanksAroundThem() throws Exception {
        RetentionConfig config = files.read(
            "<retention>",
            "  <policies><policy name=\"p\"/></policies>",
            "  <groups><group name=\"g\"><member>",
            "     Alice@Example.org",
            "  </member></group></groups>",
            "  <assignments><group name=\"g\" policy=\"p\"/><domain name=\" example.net \" policy=\"p\"/></assignments>",
            "</retention>");

        assertThat(config.resolve("alice@example.org").explain()).isEqualTo("policy p, assigned to group g");
        assertThat(config.resolve("bob@EXAMPLE.net").explain()).isEqualTo("policy p, assigned to domain example.net");
    }

    @Test
    void theSchemaIsAClasspathResource() {
        assertThat(RetentionConfigReader.SCHEMA).isNotNull();
        assertThat(RetentionConfigReader.SCHEMA.getPath()).endsWith("/dev/kotak/core/retention/retention.xsd");
    }
}
