package dev.kotak.core.retention;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registered device of a policy ({@code alice@example.org#phone} logs in as device {@code phone}) and what it
 * changes for its sessions; what it leaves empty comes from the policy.
 */
public final class DeviceRule {
    /** Device names: what every POP3 client can store in its user-name field, and an IMAP keyword can carry. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private final String name;
    private final Optional<OnRetrieve> onRetrieve;
    private final Optional<OnDelete> onDelete;
    private final Optional<AccessWindow> view;

    public DeviceRule(String name, Optional<OnRetrieve> onRetrieve, Optional<OnDelete> onDelete,
                      Optional<AccessWindow> view) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid device name: " + name);
        }
        this.name = name;
        this.onRetrieve = Objects.requireNonNull(onRetrieve, "onRetrieve");
        this.onDelete = Objects.requireNonNull(onDelete, "onDelete");
        this.view = Objects.requireNonNull(view, "view");
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Device names are compared without case: {@code Phone} and {@code phone} are one device. */
    public static String normalize(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    public String name() {
        return name;
    }

    public Optional<OnRetrieve> onRetrieve() {
        return onRetrieve;
    }

    public Optional<OnDelete> onDelete() {
        return onDelete;
    }

    public Optional<AccessWindow> view() {
        return view;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DeviceRule)) {
            return false;
        }
        DeviceRule that = (DeviceRule) other;
        return name.equals(that.name) && onRetrieve.equals(that.onRetrieve) && onDelete.equals(that.onDelete)
            && view.equals(that.view);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, onRetrieve, onDelete, view);
    }

    @Override
    public String toString() {
        return "DeviceRule{" + name + ", onRetrieve=" + onRetrieve.orElse(null) + ", onDelete="
            + onDelete.orElse(null) + ", view=" + view.orElse(null) + "}";
    }
}
