package dev.kotak.pop3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginNameTest {
    @Test
    void aNameWithoutHashNamesNoDevice() {
        LoginName name = LoginName.parse("alice@example.org");

        assertThat(name.user()).isEqualTo("alice@example.org");
        assertThat(name.device()).isEmpty();
        assertThat(name.suffix()).isEmpty();
        assertThat(name.hasValidDevice()).isTrue();
    }

    @Test
    void theDeviceFollowsTheLastHashAndIsKeptAsWritten() {
        LoginName name = LoginName.parse("alice@example.org#Phone_2-b");

        assertThat(name.user()).isEqualTo("alice@example.org");
        assertThat(name.device()).contains("Phone_2-b");
        assertThat(name.hasValidDevice()).isTrue();
    }

    @Test
    void onlyTheLastHashSeparates() {
        LoginName name = LoginName.parse("a#b@example.org#laptop");

        assertThat(name.user()).isEqualTo("a#b@example.org");
        assertThat(name.device()).contains("laptop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "x", "A0", "phone", "a_b", "a-b", "0123456789abcdef0123456789ABCDEF"})
    void validDevices(String device) {
        LoginName name = LoginName.parse("a@b#" + device);

        assertThat(name.hasValidDevice()).isTrue();
        assertThat(name.device()).contains(device);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "-x", "_x", "x.y", "x@y", "t\u00e9l\u00e9phone", "x\ty", " x",
        "0123456789abcdef0123456789ABCDEFG"})
    void invalidDevicesAreKeptButNotADevice(String suffix) {
        LoginName name = LoginName.parse("a@b#" + suffix);

        assertThat(name.hasValidDevice()).isFalse();
        assertThat(name.device()).isEmpty();
        assertThat(name.suffix()).contains(suffix);
        assertThat(name.user()).as("the failure is counted for the user").isEqualTo("a@b");
    }

    @Test
    void aUserWhoseAddressHasAHashMustNameADevice() {
        // The part after the last '#' is "b@example.org": not a device, so the login fails like a wrong password.
        assertThat(LoginName.parse("a#b@example.org").hasValidDevice()).isFalse();
    }

    @Test
    void compatibleIdentitiesShareTheUserAndNeverNameTwoDevices() {
        LoginName alice = LoginName.parse("alice");
        LoginName phone = LoginName.parse("alice#phone");

        assertThat(alice.compatibleWith(phone)).isTrue();
        assertThat(phone.compatibleWith(alice)).isTrue();
        assertThat(phone.compatibleWith(LoginName.parse("alice#phone"))).isTrue();
        assertThat(phone.compatibleWith(LoginName.parse("alice#tablet"))).isFalse();
        assertThat(alice.compatibleWith(LoginName.parse("bob#phone"))).isFalse();
    }

    @Test
    void aNameWithoutDeviceTakesTheOthersDevice() {
        assertThat(LoginName.parse("alice").orDeviceOf(LoginName.parse("alice#phone")).device()).contains("phone");
        assertThat(LoginName.parse("alice#pc").orDeviceOf(LoginName.parse("alice#phone")).device()).contains("pc");
        assertThat(LoginName.parse("alice").orDeviceOf(LoginName.parse("alice")).device()).isEmpty();
    }

    @Test
    void toStringHidesAnInvalidSuffix() {
        assertThat(LoginName.parse("a@b#phone")).hasToString("a@b#phone");
        assertThat(LoginName.parse("a@b#bad\r\nname")).hasToString("a@b (invalid device)");
    }
}
