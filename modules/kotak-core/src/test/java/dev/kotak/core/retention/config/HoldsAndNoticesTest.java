package dev.kotak.core.retention.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.core.retention.LegalHold;

class HoldsAndNoticesTest {
    @TempDir
    Path dir;

    private RetentionFiles files;

    @BeforeEach
    void files() {
        files = new RetentionFiles(dir);
    }

    @Test
    void holdsAreReadInFileOrderAndFoundWithoutCase() throws Exception {
        RetentionConfig config = files.read(
            "<retention>",
            "  <holds>",
            "    <hold user=\"Dave@Example.org\" reason=\" Case 2026-17 \" owner=\"legal@example.org\" until=\"2027-06-30\"/>",
            "    <hold user=\"erin\" reason=\"Audit\" owner=\"CFO\"/>",
            "  </holds>",
            "</retention>");

        LegalHold dave = new LegalHold("dave@example.org", "Case 2026-17", "legal@example.org",
            Optional.of(Instant.parse("2027-06-30T00:00:00Z")), LegalHold.Source.XML);
        LegalHold erin = new LegalHold("erin", "Audit", "CFO", Optional.empty(), LegalHold.Source.XML);
        assertThat(config.holds()).containsExactly(dave, erin);
        assertThat(config.hold("DAVE@example.ORG")).contains(dave);
        assertThat(config.hold("erin")).contains(erin);
        assertThat(config.hold("frank@example.org")).isEmpty();
        assertThat(dave.activeAt(Instant.parse("2027-06-29T23:59:59Z"))).isTrue();
        assertThat(dave.activeAt(Instant.parse("2027-06-30T00:00:00Z"))).isFalse();
    }

    @Test
    void aHoldOverRulesThatExpungeIsANoticeNamingTheUserTheHoldAndTheRules() throws Exception {
        RetentionConfig config = files.read(
            "<retention>",
            "  <policies>",
            "    <policy name=\"leave-14d\"><expire retrieved=\"14d\"/></policy>",
            "    <policy name=\"safe\"><onDelete action=\"hide\"/><onRetrieve action=\"move\" folder=\"Archive\"/></policy>",
            "    <policy name=\"devices\">",
            "      <onDelete action=\"hide\"/>",
            "      <devices keepUntilAllRetrieved=\"true\">",
            "        <device name=\"phone\"><onRetrieve action=\"delete\"/></device>",
            "        <device name=\"desktop\"><onDelete action=\"expunge\"/></device>",
            "      </devices>",
            "    </policy>",
            "  </policies>",
            "  <assignments>",
            "    <domain name=\"example.org\" policy=\"leave-14d\"/>",
            "    <user name=\"safe@example.org\" policy=\"safe\"/>",
            "    <user name=\"multi@example.org\" policy=\"devices\"/>",
            "  </assignments>",
            "  <holds>",
            "    <hold user=\"dave@example.org\" reason=\"Case 2026-17\" owner=\"legal@example.org\" until=\"2027-06-30\"/>",
            "    <hold user=\"safe@example.org\" reason=\"Audit\" owner=\"CFO\"/>",
            "    <hold user=\"someone@example.net\" reason=\"Audit\" owner=\"CFO\"/>",
            "    <hold user=\"multi@example.org\" reason=\"Audit\" owner=\"CFO\"/>",
            "  </holds>",
            "</retention>");

        assertThat(config.notices()).containsExactly(
            "retention.xml:19:5: legal hold on dave@example.org (Case 2026-17, owner legal@example.org, until "
                + "2027-06-30T00:00:00Z) overrides onDelete=expunge, expire.retrieved=14d of policy leave-14d "
                + "(assigned to domain example.org): nothing of this user is expunged while the hold lasts",
            "retention.xml:21:5: legal hold on someone@example.net (Audit, owner CFO, until lifted) overrides "
                + "onDelete=expunge of policy rfc1939 (the default): nothing of this user is expunged while the hold lasts",
            "retention.xml:22:5: legal hold on multi@example.org (Audit, owner CFO, until lifted) overrides "
                + "devices.keepUntilAllRetrieved=true, device phone onRetrieve=delete, device desktop onDelete=expunge "
                + "of policy devices (assigned to user multi@example.org): nothing of this user is expunged while the "
                + "hold lasts");
    }

    @Test
    void aHiddenLifetimeLongerThanTheRetrievedOrMaximumAgeIsANotice() throws Exception {
        RetentionConfig config = files.read(RetentionFiles.policies(
            "    <policy name=\"base\"><onDelete action=\"hide\"/><expire retrieved=\"14d\" hidden=\"30d\"/></policy>",
            "    <policy name=\"inherits\" extends=\"base\"><onRetrieve action=\"seen\"/></policy>",
            "    <policy name=\"gdpr\" extends=\"base\"><expire retrieved=\"60d\" maxAge=\"20d\"/></policy>",
            "    <policy name=\"fine\"><expire retrieved=\"30d\" hidden=\"30d\" maxAge=\"90d\"/></policy>"));

        assertThat(config.notices()).containsExactly(
            "retention.xml:3:5: policy 'base': expire.hidden (30d) is longer than expire.retrieved (14d), so "
                + "retrieved mail a DELE hid is removed by expire.retrieved first",
            "retention.xml:4:5: policy 'inherits' is neither assigned nor extended, so it applies to no user",
            "retention.xml:5:5: policy 'gdpr' is neither assigned nor extended, so it applies to no user",
            "retention.xml:5:5: policy 'gdpr': expire.hidden (30d) is longer than expire.maxAge (20d), so mail a "
                + "DELE hid is removed by expire.maxAge first",
            "retention.xml:6:5: policy 'fine' is neither assigned nor extended, so it applies to no user");
    }

    @Test
    void aGroupWithoutAssignmentIsANotice() throws Exception {
        RetentionConfig config = files.read(
            "<retention>",
            "  <groups>",
            "    <group name=\"staff\"><member>a@example.org</member></group>",
            "    <group name=\"used\"><member>a@example.org</member></group>",
            "  </groups>",
            "  <assignments><group name=\"used\" policy=\"rfc1939\"/></assignments>",
            "</retention>");

        assertThat(config.notices()).containsExactly(
            "retention.xml:3:5: group 'staff' has no <group> assignment, so it changes no user's policy");
    }
}
