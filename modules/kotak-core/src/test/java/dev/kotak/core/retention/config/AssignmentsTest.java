package dev.kotak.core.retention.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kotak.core.retention.ExpireCapability;
import dev.kotak.core.retention.Policy;

class AssignmentsTest {
    @TempDir
    Path dir;

    private RetentionFiles files;
    private RetentionConfig config;

    @BeforeEach
    void read() throws Exception {
        files = new RetentionFiles(dir);
        config = files.read(
            "<retention>",
            "  <policies>",
            "    <policy name=\"by-user\"><expire retrieved=\"1d\"/></policy>",
            "    <policy name=\"by-group\"><expire retrieved=\"2d\"/></policy>",
            "    <policy name=\"by-domain\"><expire retrieved=\"3d\"/></policy>",
            "    <policy name=\"fallback\"><expire retrieved=\"4d\"/></policy>",
            "  </policies>",
            "  <groups>",
            "    <group name=\"staff\"><member>alice@example.org</member><member>Bob@Example.org</member></group>",
            "    <group name=\"also-staff\"><member>bob@example.org</member><member>local</member></group>",
            "  </groups>",
            "  <assignments default=\"fallback\">",
            "    <domain name=\"Example.org\" policy=\"by-domain\"/>",
            "    <group name=\"staff\" policy=\"by-group\"/>",
            "    <group name=\"also-staff\" policy=\"by-group\"/>",
            "    <user name=\"ALICE@example.org\" policy=\"by-user\"/>",
            "  </assignments>",
            "</retention>");
    }

    @Test
    void aUserAssignmentBeatsTheirGroupWhichBeatsTheirDomainWhichBeatsTheDefault() {
        assertThat(config.resolve("alice@example.org").explain())
            .isEqualTo("policy by-user, assigned to user ALICE@example.org");
        assertThat(config.resolve("bob@example.org").explain()).isEqualTo("policy by-group, assigned to group staff");
        assertThat(config.resolve("carol@example.org").explain())
            .isEqualTo("policy by-domain, assigned to domain Example.org");
        assertThat(config.resolve("dave@example.net").explain()).isEqualTo("policy fallback, the default");
    }

    @Test
    void theAssignmentSaysItsScopeNameAndPolicy() {
        assertThat(config.resolve("bob@example.org").assignment())
            .isEqualTo(new Assignment(Assignment.Scope.GROUP, Optional.of("staff"), "by-group"));
        assertThat(config.resolve("x@example.org").assignment())
            .isEqualTo(new Assignment(Assignment.Scope.DOMAIN, Optional.of("Example.org"), "by-domain"));
        assertThat(config.resolve("x@example.org").policy()).isSameAs(config.policies().get("by-domain"));
    }

    @Test
    void userAndDomainNamesAreComparedWithoutCase() {
        assertThat(config.resolve("Alice@EXAMPLE.ORG").assignment().scope()).isEqualTo(Assignment.Scope.USER);
        assertThat(config.resolve("BOB@example.org").assignment().scope()).isEqualTo(Assignment.Scope.GROUP);
        assertThat(config.resolve("carol@EXAMPLE.org").assignment().scope()).isEqualTo(Assignment.Scope.DOMAIN);
    }

    @Test
    void aBareLocalNameHasNoDomainButMayBeAUserOrAMember() {
        assertThat(config.resolve("local").explain()).isEqualTo("policy by-group, assigned to group also-staff");
        assertThat(config.resolve("example.org").explain()).isEqualTo("policy fallback, the default");
    }

    @Test
    void aSubdomainIsAnotherDomain() {
        assertThat(config.resolve("x@mail.example.org").assignment().scope()).isEqualTo(Assignment.Scope.DEFAULT);
    }

    @Test
    void groupsThatAgreeOnThePolicyAreNotAmbiguousAndTheFirstAssignedIsNamed() {
        assertThat(config.resolve("bob@example.org").assignment().name()).contains("staff");
    }

    @Test
    void aUserAssignmentSettlesGroupsThatDisagree() throws Exception {
        RetentionConfig settled = files.read(
            "<retention>",
            "  <policies><policy name=\"x\"/><policy name=\"y\"/></policies>",
            "  <groups>",
            "    <group name=\"a\"><member>alice@example.org</member></group>",
            "    <group name=\"b\"><member>alice@example.org</member></group>",
            "  </groups>",
            "  <assignments>",
            "    <group name=\"a\" policy=\"x\"/><group name=\"b\" policy=\"y\"/>",
            "    <user name=\"alice@example.org\" policy=\"y\"/>",
            "  </assignments>",
            "</retention>");

        assertThat(settled.resolve("alice@example.org").explain()).isEqualTo("policy y, assigned to user alice@example.org");
    }

    @Test
    void onlyAssignedGroupsCount() throws Exception {
        RetentionConfig config = files.read(
            "<retention>",
            "  <policies><policy name=\"x\"/></policies>",
            "  <groups>",
            "    <group name=\"a\"><member>alice@example.org</member></group>",
            "    <group name=\"b\"><member>alice@example.org</member></group>",
            "  </groups>",
            "  <assignments><group name=\"b\" policy=\"x\"/></assignments>",
            "</retention>");

        assertThat(config.resolve("alice@example.org").explain()).isEqualTo("policy x, assigned to group b");
    }

    @Test
    void assignablePoliciesAreTheDefaultThenEveryAssignedOneOnce() {
        assertThat(config.assignablePolicies().stream().map(Policy::name).collect(Collectors.toList()))
            .containsExactly("fallback", "by-domain", "by-group", "by-user");
        assertThat(ExpireCapability.beforeLogin(config.assignablePolicies())).isEqualTo("EXPIRE 1 USER");
    }

    @Test
    void theDefaultIsRfc1939WhenNotWritten() throws Exception {
        RetentionConfig config = files.read(
            "<retention>",
            "  <policies><policy name=\"x\"/></policies>",
            "  <assignments><domain name=\"example.org\" policy=\"x\"/></assignments>",
            "</retention>");

        assertThat(config.resolve("a@example.net").policy()).isSameAs(Policy.RFC1939);
        assertThat(config.assignablePolicies()).extracting(Policy::name).containsExactly("rfc1939", "x");
    }
}
