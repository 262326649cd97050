package dev.kotak.retention.sweeper;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;

/** Whose mail a sweep or dry run looks at: everyone, one domain, or one user. */
public final class SweepScope {
    public enum Kind { ALL, DOMAIN, USER }

    public static final SweepScope ALL = new SweepScope(Kind.ALL, Optional.empty());

    private final Kind kind;
    private final Optional<String> name;

    private SweepScope(Kind kind, Optional<String> name) {
        this.kind = kind;
        this.name = name;
    }

    public static SweepScope domain(String domain) {
        return new SweepScope(Kind.DOMAIN, Optional.of(domain.toLowerCase(Locale.ROOT)));
    }

    public static SweepScope user(String user) {
        return new SweepScope(Kind.USER, Optional.of(user));
    }

    public Kind kind() {
        return kind;
    }

    public Optional<String> name() {
        return name;
    }

    public boolean includes(Username user) {
        switch (kind) {
            case DOMAIN:
                return user.getDomainPart().map(domain -> domain.asString().equals(name.get())).orElse(false);
            case USER:
                return user.asString().equalsIgnoreCase(name.get());
            default:
                return true;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SweepScope && kind == ((SweepScope) other).kind && name.equals(((SweepScope) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + name.map(value -> " " + value).orElse("");
    }
}
