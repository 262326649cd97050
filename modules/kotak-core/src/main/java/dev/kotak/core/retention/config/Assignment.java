package dev.kotak.core.retention.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a user has a policy: the {@code <assignments>} entry that gave it, the most specific one that applies
 * (user, then group, then domain, then the default).
 */
public final class Assignment {
    /** The kinds of assignment, most specific first. */
    public enum Scope {
        /** {@code <user name="carol@example.org" policy="..."/>} */
        USER,
        /** {@code <group name="staff" policy="..."/>}, the user being a {@code <member>} of the group. */
        GROUP,
        /** {@code <domain name="example.org" policy="..."/>} */
        DOMAIN,
        /** {@code <assignments default="...">}, or {@code rfc1939} when it is not written. */
        DEFAULT
    }

    private final Scope scope;
    private final Optional<String> name;
    private final String policy;

    /**
     * @param name the user, group or domain as written in retention.xml; empty exactly for {@link Scope#DEFAULT}
     */
    public Assignment(Scope scope, Optional<String> name, String policy) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        if ((scope == Scope.DEFAULT) == name.isPresent()) {
            throw new IllegalArgumentException(scope + " assignment " + (name.isPresent() ? "takes no" : "needs a")
                + " name");
        }
    }

    static Assignment byDefault(String policy) {
        return new Assignment(Scope.DEFAULT, Optional.empty(), policy);
    }

    public Scope scope() {
        return scope;
    }

    /** The user, group or domain the assignment names, as written; empty for the default. */
    public Optional<String> name() {
        return name;
    }

    /** The name of the assigned policy. */
    public String policy() {
        return policy;
    }

    /** {@code assigned to domain example.org}, {@code assigned to group staff}, or {@code the default}. */
    public String describe() {
        return name.map(written -> "assigned to " + scope.name().toLowerCase(Locale.ROOT) + " " + written)
            .orElse("the default");
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Assignment)) {
            return false;
        }
        Assignment that = (Assignment) other;
        return scope == that.scope && name.equals(that.name) && policy.equals(that.policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, name, policy);
    }

    @Override
    public String toString() {
        return "policy " + policy + ", " + describe();
    }
}
