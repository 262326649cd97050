package dev.kotak.pop3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SaslPlainTest {
    @Test
    void withoutAuthorizationIdentity() {
        SaslPlain.Result result = SaslPlain.decode(b64("\0alice@example.org\0s3cret"));

        assertThat(result.problem()).isEqualTo(SaslPlain.Problem.NONE);
        assertThat(result.credentials().authenticationId()).isEqualTo("alice@example.org");
        assertThat(result.credentials().password()).isEqualTo("s3cret");
        assertThat(result.credentials().authorizationId()).isEmpty();
    }

    @Test
    void withTheSameAuthorizationIdentity() {
        SaslPlain.Result result = SaslPlain.decode(b64("alice\0alice\0pw"));

        assertThat(result.problem()).isEqualTo(SaslPlain.Problem.NONE);
        assertThat(result.credentials().authorizationId()).isEqualTo("alice");
    }

    @Test
    void anotherAuthorizationIdentityIsRefused() {
        assertThat(SaslPlain.decode(b64("bob\0alice\0pw")).problem()).isEqualTo(SaslPlain.Problem.AUTHZID_MISMATCH);
    }

    @Test
    void theAuthenticationIdentityMayNameADevice() {
        SaslPlain credentials = SaslPlain.decode(b64("\0alice@example.org#phone\0pw")).credentials();

        assertThat(credentials.login().user()).isEqualTo("alice@example.org");
        assertThat(credentials.login().device()).contains("phone");
    }

    @Test
    void theAuthorizationIdentityMayNameTheDeviceInstead() {
        SaslPlain.Result result = SaslPlain.decode(b64("alice#phone\0alice\0pw"));

        assertThat(result.problem()).isEqualTo(SaslPlain.Problem.NONE);
        assertThat(result.credentials().login().user()).isEqualTo("alice");
        assertThat(result.credentials().login().device()).contains("phone");
        assertThat(SaslPlain.decode(b64("alice#phone\0alice#phone\0pw")).credentials().login().device())
            .contains("phone");
        assertThat(SaslPlain.decode(b64("alice\0alice#phone\0pw")).credentials().login().device())
            .contains("phone");
    }

    @Test
    void twoDifferentDevicesOrUsersAreAMismatch() {
        assertThat(SaslPlain.decode(b64("alice#pc\0alice#phone\0pw")).problem())
            .isEqualTo(SaslPlain.Problem.AUTHZID_MISMATCH);
        assertThat(SaslPlain.decode(b64("bob#phone\0alice\0pw")).problem())
            .isEqualTo(SaslPlain.Problem.AUTHZID_MISMATCH);
    }

    @Test
    void anInvalidDeviceIsDecodedAndLeftToTheLoginToRefuse() {
        SaslPlain.Result result = SaslPlain.decode(b64("\0alice#bad name\0pw"));

        assertThat(result.problem()).isEqualTo(SaslPlain.Problem.NONE);
        assertThat(result.credentials().login().hasValidDevice()).isFalse();
    }

    @Test
    void withoutDeviceTheLoginIsTheAuthenticationIdentity() {
        assertThat(SaslPlain.decode(b64("\0alice\0pw")).credentials().login().device()).isEmpty();
    }

    @Test
    void passwordsMayContainSpacesAndUtf8() {
        assertThat(SaslPlain.decode(b64("\0alice\0p\u00e4ss w\u00f6rd")).credentials().password()).isEqualTo("p\u00e4ss w\u00f6rd");
    }

    @Test
    void notBase64() {
        assertThat(SaslPlain.decode("***").problem()).isEqualTo(SaslPlain.Problem.INVALID_BASE64);
    }

    @Test
    void malformedMessages() {
        assertThat(SaslPlain.decode(b64("alice")).problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
        assertThat(SaslPlain.decode(b64("\0alice")).problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
        assertThat(SaslPlain.decode(b64("\0\0pw")).problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
        assertThat(SaslPlain.decode(b64("\0alice\0")).problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
        assertThat(SaslPlain.decode(b64("a\0b\0c\0d")).problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
        assertThat(SaslPlain.decode("").problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
        assertThat(SaslPlain.decode("=").problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
    }

    @Test
    void invalidUtf8IsAMalformedMessage() {
        String invalid = Base64.getEncoder().encodeToString(new byte[] {0, 'a', 0, (byte) 0xC3, (byte) 0x28});
        assertThat(SaslPlain.decode(invalid).problem()).isEqualTo(SaslPlain.Problem.INVALID_MESSAGE);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
