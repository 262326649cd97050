package dev.kotak.core.retention.config;

import static dev.kotak.core.retention.config.RetentionFiles.policies;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check of retention.xml: the exact message, at the exact line and column. */
class RetentionConfigProblemsTest {
    @TempDir
    Path dir;

    private RetentionFiles files;

    @BeforeEach
    void files() {
        files = new RetentionFiles(dir);
    }

    // Schema: what the XSD refuses, with the loader's wording and the schema's "expected" phrases.

    @Test
    void aMisspeltElementIsRefusedByTheSchema() {
        assertThat(files.problems(policies("    <policy name=\"p\"><onRetreive action=\"keep\"/></policy>")))
            .containsExactly("retention.xml:3:22: element 'onRetreive' is not allowed here; expected one of: "
                + "onRetrieve, onDelete, expire, view, loginDelay, advertise, devices");
    }

    @Test
    void anUnknownActionListsTheActions() {
        assertThat(files.problems(policies("    <policy name=\"p\"><onDelete action=\"trash\"/></policy>")))
            .containsExactly("retention.xml:3:32: attribute 'action' on element 'onDelete' has value 'trash'; "
                + "expected one of: expunge, hide, hide-from-device, move");
    }

    @Test
    void aDurationNeedsAUnit() {
        assertThat(files.problems(policies("    <policy name=\"p\"><expire retrieved=\"14\"/></policy>")))
            .containsExactly("retention.xml:3:30: attribute 'retrieved' on element 'expire' has value '14'; "
                + "expected a duration such as 30d, 12h or 90s");
    }

    @Test
    void aPolicyNameIsOneWord() {
        assertThat(files.problems(policies("    <policy name=\"gold plan\"/>")))
            .containsExactly("retention.xml:3:13: attribute 'name' on element 'policy' has value 'gold plan'; "
                + "expected a name of letters, digits, '-' or '_', starting with a letter or digit, "
                + "at most 64 characters");
    }

    @Test
    void maxMessagesMustBeAtLeastOne() {
        assertThat(files.problems(policies("    <policy name=\"p\"><view maxMessages=\"0\"/></policy>")))
            .containsExactly("retention.xml:3:28: attribute 'maxMessages' on element 'view' has value '0'; "
                + "expected a whole number of 1 or more");
    }

    @Test
    void aDeviceNameMustBeWhatAPop3ClientCanSend() {
        assertThat(files.problems(policies(
            "    <policy name=\"p\"><devices><device name=\"my phone\"/></devices></policy>")))
            .containsExactly("retention.xml:3:39: attribute 'name' on element 'device' has value 'my phone'; "
                + "expected a device name of letters, digits, '-' or '_', starting with a letter or digit, "
                + "at most 32 characters");
    }

    @Test
    void aHoldNeedsAReasonAndAnOwner() {
        assertThat(files.problems(
            "<retention>",
            "  <holds>",
            "    <hold user=\"dave@example.org\" reason=\" \" owner=\"legal@example.org\"/>",
            "    <hold user=\"erin@example.org\" reason=\"Case 1\"/>",
            "    <hold reason=\"Case 2\" owner=\"legal@example.org\"/>",
            "  </holds>",
            "</retention>"))
            .containsExactly(
                "retention.xml:3:35: attribute 'reason' on element 'hold' has value ' '; expected a non-empty text",
                "retention.xml:4:5: element 'hold' is missing required attribute 'owner'",
                "retention.xml:5:5: element 'hold' is missing required attribute 'user'");
    }

    @Test
    void anAdvertisedExpireIsDaysOrNever() {
        assertThat(files.problems(policies("    <policy name=\"p\"><advertise expire=\"never\"/></policy>")))
            .containsExactly("retention.xml:3:33: attribute 'expire' on element 'advertise' has value 'never'; "
                + "expected a number of days such as 7, or NEVER");
    }

    // Policies

    @Test
    void aPolicyNameIsDeclaredOnce() {
        assertThat(files.problems(policies(
            "    <policy name=\"p\"/>",
            "    <policy name=\"p\"/>")))
            .containsExactly("retention.xml:4:13: policy 'p' is already declared on line 3; "
                + "expected each policy name once");
    }

    @Test
    void theBuiltInPolicyCannotBeRedefinedWhateverItsCase() {
        assertThat(files.problems(policies(
            "    <policy name=\"rfc1939\"/>",
            "    <policy name=\"RFC1939\"/>")))
            .containsExactly(
                "retention.xml:3:13: policy 'rfc1939' is built in and cannot be redefined; expected another name, "
                    + "with extends=\"rfc1939\" to start from it",
                "retention.xml:4:13: policy 'RFC1939' is built in and cannot be redefined; expected another name, "
                    + "with extends=\"rfc1939\" to start from it");
    }

    @Test
    void anUnknownParentListsTheDeclaredNames() {
        assertThat(files.problems(policies(
            "    <policy name=\"a\"/>",
            "    <policy name=\"b\" extends=\"gold\"/>",
            "    <policy name=\"c\" extends=\"b\"/>")))
            .containsExactly("retention.xml:4:22: 'gold' refers to no policy; "
                + "expected one of the declared names: rfc1939, a, b, c");
    }

    @Test
    void aCycleIsReportedOnceAtItsFirstPolicy() {
        assertThat(files.problems(policies(
            "    <policy name=\"outside\" extends=\"b\"/>",
            "    <policy name=\"a\" extends=\"c\"/>",
            "    <policy name=\"b\" extends=\"a\"/>",
            "    <policy name=\"c\" extends=\"b\"/>",
            "    <policy name=\"self\" extends=\"self\"/>")))
            .containsExactly(
                "retention.xml:4:22: policy 'a' extends itself: a -> c -> b -> a; expected a chain of extends "
                    + "that ends at a policy without extends, such as rfc1939",
                "retention.xml:7:25: policy 'self' extends itself: self -> self; expected a chain of extends "
                    + "that ends at a policy without extends, such as rfc1939");
    }

    @Test
    void moveNeedsAFolder() {
        assertThat(files.problems(policies(
            "    <policy name=\"p\">",
            "      <onRetrieve action=\"move\"/>",
            "      <devices><device name=\"phone\"><onDelete action=\"move\"/></device></devices>",
            "    </policy>")))
            .containsExactly(
                "retention.xml:4:7: element 'onRetrieve' with action 'move' has no folder; "
                    + "expected a folder to move to, e.g. folder=\"Archive\"",
                "retention.xml:5:37: element 'onDelete' with action 'move' has no folder; "
                    + "expected a folder to move to, e.g. folder=\"Archive\"");
    }

    @Test
    void aFolderOnlyGoesWithMove() {
        assertThat(files.problems(policies(
            "    <policy name=\"p\">",
            "      <onRetrieve action=\"seen\" folder=\"Archive\"/>",
            "      <onDelete action=\"hide\" folder=\"Trash\"/>",
            "    </policy>")))
            .containsExactly(
                "retention.xml:4:33: attribute 'folder' on element 'onRetrieve' only goes with action 'move'; "
                    + "expected no folder with action 'seen'",
                "retention.xml:5:31: attribute 'folder' on element 'onDelete' only goes with action 'move'; "
                    + "expected no folder with action 'hide'");
    }

    @Test
    void unknownMustNameADeviceOfThePolicyOrItsParents() {
        assertThat(files.problems(policies(
            "    <policy name=\"none\"><devices unknown=\"phone\"/></policy>",
            "    <policy name=\"base\"><devices><device name=\"phone\"/><device name=\"Desktop\"/></devices></policy>",
            "    <policy name=\"child\" extends=\"base\"><devices unknown=\"tablet\"/></policy>",
            "    <policy name=\"fine\" extends=\"base\"><devices unknown=\"DESKTOP\"/></policy>",
            "    <policy name=\"keywords\"><devices unknown=\"Reject\"/></policy>")))
            .containsExactly(
                "retention.xml:3:34: attribute 'unknown' on element 'devices' has value 'phone', which is no device "
                    + "of policy 'none'; expected policy, reject (it declares none)",
                "retention.xml:5:50: attribute 'unknown' on element 'devices' has value 'tablet', which is no device "
                    + "of policy 'child'; expected policy, reject or one of its devices: phone, Desktop");
    }

    @Test
    void keepUntilAllRetrievedNeedsDevices() {
        assertThat(files.problems(policies(
            "    <policy name=\"p\"><devices keepUntilAllRetrieved=\"true\"/></policy>")))
            .containsExactly("retention.xml:3:31: attribute 'keepUntilAllRetrieved' is true but policy 'p' declares "
                + "no device; expected at least one <device> in <devices>, or keepUntilAllRetrieved=\"false\"");
    }

    @Test
    void aDeviceIsDeclaredOnceIgnoringCaseAndMayNotBeNamedLikeAKeyword() {
        assertThat(files.problems(policies(
            "    <policy name=\"p\"><devices>",
            "      <device name=\"phone\"/>",
            "      <device name=\"Phone\"/>",
            "      <device name=\"REJECT\"/>",
            "      <device name=\"policy\"/>",
            "    </devices></policy>")))
            .containsExactly(
                "retention.xml:5:15: device 'Phone' is already declared on line 4; "
                    + "expected each device name once, ignoring case",
                "retention.xml:6:15: device name 'REJECT' is reserved for <devices unknown>; "
                    + "expected a name other than policy or reject",
                "retention.xml:7:15: device name 'policy' is reserved for <devices unknown>; "
                    + "expected a name other than policy or reject");
    }

    @Test
    void advertisingMoreDaysThanTheRulesKeepBreaksRfc2449() {
        assertThat(files.problems(policies(
            "    <policy name=\"leave\"><expire retrieved=\"14d\"/><advertise expire=\"20\"/></policy>",
            "    <policy name=\"exact\"><expire retrieved=\"14d\"/><advertise expire=\"14\"/></policy>",
            "    <policy name=\"lower\"><expire retrieved=\"14d\"/><advertise expire=\"7\"/></policy>",
            "    <policy name=\"gdpr\"><expire maxAge=\"90d\"/><advertise expire=\"NEVER\"/></policy>",
            "    <policy name=\"forever\"><advertise expire=\"NEVER\"/></policy>",
            "    <policy name=\"any\"><advertise expire=\"3650\"/></policy>")))
            .containsExactly(
                "retention.xml:3:62: advertise expire '20' promises more than policy 'leave' keeps retrieved mail "
                    + "(14 days); expected at most 14, as RFC 2449 forbids removing retrieved mail sooner than "
                    + "EXPIRE says",
                "retention.xml:6:58: advertise expire 'NEVER' promises more than policy 'gdpr' keeps retrieved mail "
                    + "(0 days); expected at most 0, as RFC 2449 forbids removing retrieved mail sooner than "
                    + "EXPIRE says");
    }

    @Test
    void anInheritedAdvertisedExpireIsCheckedAgainstTheChildsRules() {
        assertThat(files.problems(policies(
            "    <policy name=\"base\"><expire retrieved=\"14d\"/><advertise expire=\"14\"/></policy>",
            "    <policy name=\"child\" extends=\"base\"><expire retrieved=\"36h\"/></policy>",
            "    <policy name=\"device\" extends=\"base\">",
            "      <devices><device name=\"phone\"><onRetrieve action=\"delete\"/></device></devices>",
            "    </policy>",
            "    <policy name=\"overridden\" extends=\"child\"><advertise expire=\"1\"/></policy>")))
            .containsExactly(
                "retention.xml:4:5: policy 'child' inherits advertise expire '14' from policy 'base' but keeps "
                    + "retrieved mail only 1 day; expected <advertise expire=\"1\"/> or less in policy 'child'",
                "retention.xml:5:5: policy 'device' inherits advertise expire '14' from policy 'base' but keeps "
                    + "retrieved mail only 0 days; expected <advertise expire=\"0\"/> or less in policy 'device'");
    }

    @Test
    void aChildOfAnOverpromisingPolicyIsNotToldAgain() {
        assertThat(files.problems(policies(
            "    <policy name=\"base\"><expire retrieved=\"1d\"/><advertise expire=\"2\"/></policy>",
            "    <policy name=\"child\" extends=\"base\"/>")))
            .containsExactly("retention.xml:3:60: advertise expire '2' promises more than policy 'base' keeps "
                + "retrieved mail (1 day); expected at most 1, as RFC 2449 forbids removing retrieved mail sooner "
                + "than EXPIRE says");
    }

    @Test
    void aDurationTooLargeIsReportedAtItsAttribute() {
        assertThat(files.problems(policies(
            "    <policy name=\"p\"><expire maxAge=\"99999999999999999y\"/></policy>")))
            .containsExactly("retention.xml:3:30: attribute 'maxAge' on element 'expire': '99999999999999999y' is too "
                + "large; expected at most 292471208677y");
    }

    @Test
    void aDateMustExist() {
        assertThat(files.problems(
            "<retention>",
            "  <policies><policy name=\"p\"><view since=\"2026-02-30\"/></policy></policies>",
            "  <holds><hold user=\"u\" reason=\"r\" owner=\"o\" until=\"2026-13-01T00:00Z\"/></holds>",
            "</retention>"))
            .containsExactly(
                "retention.xml:2:36: attribute 'since' on element 'view' has value '2026-02-30', which is not a "
                    + "valid date; expected a date such as 2026-01-01 or a date and time such as 2026-01-01T08:00:00Z",
                "retention.xml:3:46: attribute 'until' on element 'hold' has value '2026-13-01T00:00Z', which is not "
                    + "a valid date; expected a date such as 2026-01-01 or a date and time such as "
                    + "2026-01-01T08:00:00Z");
    }

    @Test
    void theSweeperIntervalIsAtLeastASecond() {
        assertThat(files.problems("<retention>", "  <sweeper interval=\"500ms\"/>", "</retention>"))
            .containsExactly("retention.xml:2:12: attribute 'interval' on element 'sweeper' is 500ms; "
                + "expected a duration of at least 1s");
    }

    // Groups and assignments

    @Test
    void groupsAndTheirMembersAreDeclaredOnce() {
        assertThat(files.problems(
            "<retention>",
            "  <groups>",
            "    <group name=\"staff\"><member>alice@example.org</member><member>ALICE@example.org</member></group>",
            "    <group name=\"staff\"><member>bob@example.org</member></group>",
            "  </groups>",
            "</retention>"))
            .containsExactly(
                "retention.xml:3:59: 'ALICE@example.org' is already a member of group 'staff' on line 3; "
                    + "expected each member once, ignoring case",
                "retention.xml:4:12: group 'staff' is already declared on line 3; expected each group name once");
    }

    @Test
    void assignmentsReferToDeclaredPoliciesAndGroups() {
        assertThat(files.problems(
            "<retention>",
            "  <policies><policy name=\"p\"/></policies>",
            "  <groups><group name=\"staff\"><member>a</member></group></groups>",
            "  <assignments default=\"standard\">",
            "    <domain name=\"example.org\" policy=\"gold\"/>",
            "    <group name=\"staf\" policy=\"p\"/>",
            "    <user name=\"carol@example.org\" policy=\"P\"/>",
            "  </assignments>",
            "</retention>"))
            .containsExactly(
                "retention.xml:4:16: 'standard' refers to no policy; expected one of the declared names: rfc1939, p",
                "retention.xml:5:32: 'gold' refers to no policy; expected one of the declared names: rfc1939, p",
                "retention.xml:6:12: 'staf' refers to no group; expected one of the declared groups: staff",
                "retention.xml:7:36: 'P' refers to no policy; expected one of the declared names: rfc1939, p");
    }

    @Test
    void aGroupAssignmentWithoutGroupsSaysNoneAreDeclared() {
        assertThat(files.problems(
            "<retention>",
            "  <assignments><group name=\"staff\" policy=\"rfc1939\"/></assignments>",
            "</retention>"))
            .containsExactly("retention.xml:2:23: 'staff' refers to no group; "
                + "expected a <group> of that name in <groups> (none are declared)");
    }

    @Test
    void eachUserDomainAndGroupIsAssignedOnce() {
        assertThat(files.problems(
            "<retention>",
            "  <groups><group name=\"staff\"><member>a</member></group></groups>",
            "  <assignments>",
            "    <domain name=\"example.org\" policy=\"rfc1939\"/>",
            "    <user name=\"carol@example.org\" policy=\"rfc1939\"/>",
            "    <group name=\"staff\" policy=\"rfc1939\"/>",
            "    <domain name=\"EXAMPLE.org\" policy=\"rfc1939\"/>",
            "    <user name=\"Carol@example.org\" policy=\"rfc1939\"/>",
            "    <group name=\"staff\" policy=\"rfc1939\"/>",
            "  </assignments>",
            "</retention>"))
            .containsExactly(
                "retention.xml:7:13: domain 'EXAMPLE.org' is already assigned on line 4; "
                    + "expected one assignment per domain, ignoring case",
                "retention.xml:8:11: user 'Carol@example.org' is already assigned on line 5; "
                    + "expected one assignment per user, ignoring case",
                "retention.xml:9:12: group 'staff' is already assigned on line 6; expected one assignment per group");
    }

    @Test
    void aDomainIsNotAUser() {
        assertThat(files.problems(
            "<retention>",
            "  <assignments><domain name=\"carol@example.org\" policy=\"rfc1939\"/></assignments>",
            "</retention>"))
            .containsExactly("retention.xml:2:24: attribute 'name' on element 'domain' has value 'carol@example.org'; "
                + "expected a domain name such as example.org");
    }

    @Test
    void aUserInGroupsOfDifferentPoliciesNeedsAUserAssignment() {
        assertThat(files.problems(
            "<retention>",
            "  <policies><policy name=\"x\"/><policy name=\"y\"/></policies>",
            "  <groups>",
            "    <group name=\"a\"><member>Alice@example.org</member><member>bob@example.org</member></group>",
            "    <group name=\"b\"><member>carol@example.org</member></group>",
            "    <group name=\"c\">",
            "      <member>alice@example.org</member>",
            "      <member>carol@example.org</member>",
            "    </group>",
            "    <group name=\"d\"><member>alice@example.org</member></group>",
            "  </groups>",
            "  <assignments>",
            "    <group name=\"a\" policy=\"x\"/>",
            "    <group name=\"b\" policy=\"x\"/>",
            "    <group name=\"c\" policy=\"y\"/>",
            "    <group name=\"d\" policy=\"x\"/>",
            "  </assignments>",
            "</retention>"))
            .containsExactly(
                "retention.xml:7:7: Alice@example.org is in groups a (policy x), c (policy y) and d (policy x); "
                    + "expected a <user> assignment to decide",
                "retention.xml:8:7: carol@example.org is in groups b (policy x) and c (policy y); "
                    + "expected a <user> assignment to decide");
    }

    // Holds

    @Test
    void eachUserHasOneHold() {
        assertThat(files.problems(
            "<retention>",
            "  <holds>",
            "    <hold user=\"dave@example.org\" reason=\"Case 1\" owner=\"legal\"/>",
            "    <hold user=\"Dave@Example.org\" reason=\"Case 2\" owner=\"legal\"/>",
            "  </holds>",
            "</retention>"))
            .containsExactly("retention.xml:4:11: 'Dave@Example.org' already has a hold on line 3; "
                + "expected one hold per user, ignoring case");
    }

    // All at once

    @Test
    void everySemanticProblemOfAFileIsReportedAtOnceInFileOrder() {
        assertThat(files.problems(
            "<retention>",
            "  <holds><hold user=\"u\" reason=\"r\" owner=\"o\"/><hold user=\"U\" reason=\"r\" owner=\"o\"/></holds>",
            "  <assignments default=\"nope\"/>",
            "  <policies>",
            "    <policy name=\"a\" extends=\"zzz\"/>",
            "    <policy name=\"b\"><onDelete action=\"move\"/></policy>",
            "  </policies>",
            "  <sweeper interval=\"0s\"/>",
            "</retention>"))
            .containsExactly(
                "retention.xml:2:53: 'U' already has a hold on line 2; expected one hold per user, ignoring case",
                "retention.xml:3:16: 'nope' refers to no policy; expected one of the declared names: rfc1939, a, b",
                "retention.xml:5:22: 'zzz' refers to no policy; expected one of the declared names: rfc1939, a, b",
                "retention.xml:6:22: element 'onDelete' with action 'move' has no folder; "
                    + "expected a folder to move to, e.g. folder=\"Archive\"",
                "retention.xml:8:12: attribute 'interval' on element 'sweeper' is 0s; "
                    + "expected a duration of at least 1s");
    }

    @Test
    void theExceptionMessageIsTheFirstProblem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.read(policies(
            "    <policy name=\"p\"/>", "    <policy name=\"p\"/>")))
            .hasMessage("retention.xml:4:13: policy 'p' is already declared on line 3; expected each policy name once");
    }
}
