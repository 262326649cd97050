package dev.kotak.core.retention.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.core.retention.AccessWindow;
import dev.kotak.core.retention.DeleteAction;
import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.OnDelete;
import dev.kotak.core.retention.OnRetrieve;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.RetrieveAction;
import dev.kotak.core.retention.UnknownDevices;

class PolicyExtendsTest {
    @TempDir
    Path dir;

    private RetentionConfig config;

    @BeforeEach
    void read() throws Exception {
        config = new RetentionFiles(dir).read(
            "<retention>",
            "  <policies>",
            "    <policy name=\"child\" extends=\"base\">",
            "      <onDelete action=\"hide\"/>",
            "      <expire retrieved=\"7d\"/>",
            "      <view maxMessages=\"100\"/>",
            "      <devices keepUntilAllRetrieved=\"true\">",
            "        <device name=\"PHONE\"><onDelete action=\"expunge\"/></device>",
            "        <device name=\"tablet\"/>",
            "      </devices>",
            "    </policy>",
            "    <policy name=\"base\" extends=\"rfc1939\">",
            "      <onRetrieve action=\"seen\"/>",
            "      <expire unretrieved=\"60d\" retrieved=\"14d\" hidden=\"30d\"/>",
            "      <view newerThan=\"30d\" since=\"2026-01-01\"/>",
            "      <loginDelay value=\"5m\"/>",
            "      <devices unknown=\"desktop\">",
            "        <device name=\"phone\"><onDelete action=\"hide-from-device\"/><view maxMessages=\"20\"/></device>",
            "        <device name=\"desktop\"/>",
            "      </devices>",
            "    </policy>",
            "    <policy name=\"grandchild\" extends=\"child\">",
            "      <expire hidden=\"10d\"/>",
            "    </policy>",
            "  </policies>",
            "  <assignments>",
            "    <user name=\"c@example.org\" policy=\"child\"/>",
            "    <user name=\"g@example.org\" policy=\"grandchild\"/>",
            "  </assignments>",
            "</retention>");
    }

    @Test
    void aChildKeepsWhatItDoesNotWriteAndOverridesAttributeByAttribute() {
        Policy child = config.policies().get("child");

        assertThat(child.name()).isEqualTo("child");
        assertThat(child.onRetrieve()).isEqualTo(OnRetrieve.of(RetrieveAction.SEEN));
        assertThat(child.onDelete()).isEqualTo(OnDelete.of(DeleteAction.HIDE));
        assertThat(child.lifetimes().unretrieved()).contains(Duration.ofDays(60));
        assertThat(child.lifetimes().retrieved()).contains(Duration.ofDays(7));
        assertThat(child.lifetimes().hidden()).contains(Duration.ofDays(30));
        assertThat(child.lifetimes().maxAge()).isEmpty();
        assertThat(child.view()).isEqualTo(new AccessWindow(Optional.of(Duration.ofDays(30)),
            Optional.of(Instant.parse("2026-01-01T00:00:00Z")), OptionalInt.of(100)));
        assertThat(child.loginDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void devicesMergeByNameAndAChildsDeviceReplacesItsParentsWhole() {
        Policy child = config.policies().get("child");

        assertThat(child.devices()).containsOnlyKeys("phone", "desktop", "tablet");
        assertThat(child.devices().get("phone"))
            .isEqualTo(new DeviceRule("PHONE", Optional.empty(), Optional.of(OnDelete.EXPUNGE), Optional.empty()));
        assertThat(child.unknownDevices()).isEqualTo(UnknownDevices.as("desktop"));
        assertThat(child.keepUntilAllDevicesRetrieved()).isTrue();
        assertThat(config.policies().get("base").keepUntilAllDevicesRetrieved()).isFalse();
    }

    @Test
    void aDeviceViewOverridesThePolicysViewOfItsOwnPolicyAttributeByAttribute() {
        DeviceRule basePhone = config.policies().get("base").devices().get("phone");
        assertThat(basePhone.view()).contains(new AccessWindow(Optional.of(Duration.ofDays(30)),
            Optional.of(Instant.parse("2026-01-01T00:00:00Z")), OptionalInt.of(20)));
        assertThat(config.policies().get("base").devices().get("desktop").view()).isEmpty();
    }

    @Test
    void chainsResolveWhateverTheOrderOfDeclaration() {
        Policy grandchild = config.policies().get("grandchild");

        assertThat(grandchild.lifetimes().hidden()).contains(Duration.ofDays(10));
        assertThat(grandchild.lifetimes().retrieved()).contains(Duration.ofDays(7));
        assertThat(grandchild.onRetrieve()).isEqualTo(OnRetrieve.of(RetrieveAction.SEEN));
        assertThat(grandchild.devices()).containsOnlyKeys("phone", "desktop", "tablet");
        assertThat(config.policies()).containsOnlyKeys("rfc1939", "child", "base", "grandchild");
    }

    @Test
    void provenanceNamesThePolicyOfTheChainThatWroteEachValue() {
        EffectivePolicy grandchild = config.resolve("g@example.org");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("onRetrieve", "base");
        expected.put("onDelete", "child");
        expected.put("expire.unretrieved", "base");
        expected.put("expire.retrieved", "child");
        expected.put("expire.hidden", "grandchild");
        expected.put("expire.maxAge", "default");
        expected.put("view.newerThan", "base");
        expected.put("view.since", "base");
        expected.put("view.maxMessages", "child");
        expected.put("loginDelay", "base");
        expected.put("advertise.expire", "default");
        expected.put("devices.unknown", "base");
        expected.put("devices.keepUntilAllRetrieved", "child");
        expected.put("devices.phone", "child");
        expected.put("devices.desktop", "base");
        expected.put("devices.tablet", "child");
        assertThat(grandchild.origins()).containsExactlyEntriesOf(expected);
        assertThat(grandchild.origin("expire.retrieved")).isEqualTo("child");
        assertThat(grandchild.origin("devices.desktop")).isEqualTo("base");
        assertThat(grandchild.explain()).isEqualTo("policy grandchild, assigned to user g@example.org");
    }

    @Test
    void anUnknownValueNameIsAProgrammingError() {
        EffectivePolicy child = config.resolve("c@example.org");

        assertThatThrownBy(() -> child.origin("expire.read")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("policy child has no value named 'expire.read'; expected one of onRetrieve, ");
        assertThatThrownBy(() -> child.origin("devices.laptop")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuiltInPolicyHasEveryValueFromTheDefaults() {
        EffectivePolicy someone = config.resolve("someone@example.org");

        assertThat(someone.policy()).isSameAs(Policy.RFC1939);
        assertThat(someone.origins()).containsOnlyKeys(EffectivePolicy.VALUE_NAMES);
        assertThat(someone.origins().values()).containsOnly("default");
    }
}
