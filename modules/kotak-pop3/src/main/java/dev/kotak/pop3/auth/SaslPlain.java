package dev.kotak.pop3.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The SASL PLAIN message (RFC 4616): base64 of {@code [authzid] NUL authcid NUL passwd}, UTF-8.
 * Pure; {@link #decode(String)} never throws for client input, it returns a {@link Result} saying what is wrong.
 */
public final class SaslPlain {
    private final String authorizationId;
    private final String authenticationId;
    private final String password;

    private SaslPlain(String authorizationId, String authenticationId, String password) {
        this.authorizationId = authorizationId;
        this.authenticationId = authenticationId;
        this.password = password;
    }

    /** What a client's response line amounts to. */
    public enum Problem {
        NONE, INVALID_BASE64, INVALID_MESSAGE, AUTHZID_MISMATCH
    }

    /** Either credentials or a {@link Problem}. */
    public static final class Result {
        private final SaslPlain credentials;
        private final Problem problem;

        private Result(SaslPlain credentials, Problem problem) {
            this.credentials = credentials;
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }

        public SaslPlain credentials() {
            if (credentials == null) {
                throw new IllegalStateException("no credentials: " + problem);
            }
            return credentials;
        }
    }

    /**
     * Decodes a response line. {@code =} is the empty initial response of RFC 5034 section 4, which is not a
     * valid PLAIN message.
     */
    public static Result decode(String base64) {
        Objects.requireNonNull(base64, "base64");
        String text = base64.trim();
        if (text.equals("=")) {
            return new Result(null, Problem.INVALID_MESSAGE);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return new Result(null, Problem.INVALID_BASE64);
        }
        String message;
        try {
            message = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new Result(null, Problem.INVALID_MESSAGE);
        }
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return new Result(null, Problem.INVALID_MESSAGE);
        }
        String authzid = message.substring(0, first);
        String authcid = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (authcid.isEmpty() || password.isEmpty()) {
            return new Result(null, Problem.INVALID_MESSAGE);
        }
        if (!authzid.isEmpty() && !LoginName.parse(authzid).compatibleWith(LoginName.parse(authcid))) {
            // No delegation (James's POP3 has no "log in as another user" right): refuse rather than ignore. A
            // #device suffix on either identity names the device (clients differ in which one users can fill in).
            return new Result(null, Problem.AUTHZID_MISMATCH);
        }
        return new Result(new SaslPlain(authzid, authcid, password), Problem.NONE);
    }

    public String authorizationId() {
        return authorizationId;
    }

    public String authenticationId() {
        return authenticationId;
    }

    public String password() {
        return password;
    }

    /** Who logs in, and from which device: the authentication identity's, else the authorization identity's. */
    public LoginName login() {
        LoginName authentication = LoginName.parse(authenticationId);
        return authorizationId.isEmpty() ? authentication : authentication.orDeviceOf(LoginName.parse(authorizationId));
    }
}
