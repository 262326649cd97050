package dev.kotak.pop3.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A login name as a client types it: the user, optionally followed by {@code #device} to name the device
 * ({@code alice@example.org#phone}). Retention policies use the device to tell a user's POP3 clients apart; the
 * password is always the user's. Pure: no James types, never throws for client input.
 *
 * <p>The name is split at the last {@code #}, so that the device never contains one. The device is kept as the
 * client wrote it (case included): normalising is the policy's business. A suffix that is not a valid device name
 * is kept too, so that the login can be refused exactly like a wrong password, and for the same user.
 */
public final class LoginName {
    /** What a device name may be: short, and safe in a log line, a keyword or an annotation key. */
    static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final char SEPARATOR = '#';

    private final String user;
    private final String suffix;

    private LoginName(String user, String suffix) {
        this.user = user;
        this.suffix = suffix;
    }

    public static LoginName parse(String text) {
        Objects.requireNonNull(text, "text");
        int separator = text.lastIndexOf(SEPARATOR);
        return separator < 0
            ? new LoginName(text, null)
            : new LoginName(text.substring(0, separator), text.substring(separator + 1));
    }

    /** The user who authenticates: the part before the last {@code #}, or the whole name. */
    public String user() {
        return user;
    }

    /** The text after the last {@code #}, valid or not; empty for a name without {@code #}. */
    public Optional<String> suffix() {
        return Optional.ofNullable(suffix);
    }

    /** The device named, if the name has a valid one. */
    public Optional<String> device() {
        return hasValidDevice() ? suffix() : Optional.empty();
    }

    /** False only for a name with a {@code #} not followed by a valid device name (this refuses the login). */
    public boolean hasValidDevice() {
        return suffix == null || DEVICE.matcher(suffix).matches();
    }

    /**
     * The same user, and no two different devices: how a SASL authorization identity must relate to the
     * authentication identity (either may carry the device).
     */
    public boolean compatibleWith(LoginName other) {
        return user.equals(other.user) && (suffix == null || other.suffix == null || suffix.equals(other.suffix));
    }

    /** This name, with {@code other}'s device if this one names none. */
    public LoginName orDeviceOf(LoginName other) {
        return suffix == null && other.suffix != null ? new LoginName(user, other.suffix) : this;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoginName)) {
            return false;
        }
        LoginName that = (LoginName) o;
        return user.equals(that.user) && Objects.equals(suffix, that.suffix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, suffix);
    }

    /** Not the raw input (it goes to logs): the suffix is only shown if it is a valid device. */
    @Override
    public String toString() {
        return suffix == null ? user : user + (hasValidDevice() ? SEPARATOR + suffix : " (invalid device)");
    }
}
