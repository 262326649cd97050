package dev.kotak.core.retention.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.kotak.core.retention.LegalHold;
import dev.kotak.core.retention.Policy;

/**
 * The contents of {@code conf/retention.xml}, checked and resolved: every policy with its {@code extends}
 * chain applied, who gets which policy and why, the legal holds it declares, the sweeper's settings, and the
 * notices startup logs and {@code check-config} prints. Immutable and thread-safe; read it with
 * {@link RetentionConfigReader#read}.
 */
public final class RetentionConfig {
    /**
     * What a server without {@code retention.xml} runs: every user gets {@link Policy#RFC1939} (RFC 1939 as
     * written: DELE expunges, nothing expires), no holds, the sweeper enabled with its defaults but with nothing
     * to remove.
     */
    public static final RetentionConfig DEFAULT = new RetentionConfig(
        Map.of(Policy.RFC1939_NAME, PolicyResolver.RFC1939), AssignmentTable.DEFAULT, Map.of(),
        SweeperSettings.DEFAULT, List.of());

    private final Map<String, Policy> policies;
    private final Map<String, Map<String, String>> origins;
    private final AssignmentTable assignments;
    /** By normalized user name, in file order. */
    private final Map<String, LegalHold> holds;
    private final SweeperSettings sweeper;
    private final List<String> notices;

    RetentionConfig(Map<String, PolicyResolver.Resolved> resolved, AssignmentTable assignments,
                    Map<String, LegalHold> holds, SweeperSettings sweeper, List<String> notices) {
        Map<String, Policy> policies = new LinkedHashMap<>();
        Map<String, Map<String, String>> origins = new LinkedHashMap<>();
        resolved.forEach((name, policy) -> {
            policies.put(name, policy.policy);
            origins.put(name, policy.origins);
        });
        this.policies = Collections.unmodifiableMap(policies);
        this.origins = Collections.unmodifiableMap(origins);
        this.assignments = assignments;
        this.holds = Collections.unmodifiableMap(new LinkedHashMap<>(holds));
        this.sweeper = Objects.requireNonNull(sweeper, "sweeper");
        this.notices = List.copyOf(notices);
    }

    /** Every policy by name, resolved: the built-in {@code rfc1939} first, then those of the file in file order. */
    public Map<String, Policy> policies() {
        return policies;
    }

    /**
     * The policy of a user, with the assignment that gave it and the origin of each value. The most specific
     * assignment wins: {@code <user>}, then a {@code <group>} the user is a member of, then the user's
     * {@code <domain>}, then the default.
     *
     * @param user {@code local@domain}, or a bare local name on a server without virtual hosting (such a name
     *             has no domain); compared without case
     */
    public EffectivePolicy resolve(String user) {
        Objects.requireNonNull(user, "user");
        Assignment assignment = assignments.assignmentOf(user);
        return new EffectivePolicy(policies.get(assignment.policy()), assignment, origins.get(assignment.policy()));
    }

    /** The legal hold retention.xml declares for a user (compared without case), if any. */
    public Optional<LegalHold> hold(String user) {
        Objects.requireNonNull(user, "user");
        return Optional.ofNullable(holds.get(ElementReader.normalize(user)));
    }

    /** Every legal hold retention.xml declares ({@link LegalHold.Source#XML}), in file order. */
    public List<LegalHold> holds() {
        return List.copyOf(holds.values());
    }

    public SweeperSettings sweeper() {
        return sweeper;
    }

    /**
     * What is allowed but worth an operator's attention, one readable line each, prefixed with
     * {@code retention.xml:line:col:}: rules a legal hold overrides, lifetimes that can never apply, policies
     * and groups that change nobody's policy. Startup logs them, {@code check-config} prints them.
     */
    public List<String> notices() {
        return notices;
    }

    /**
     * The policies some user can get: the default's, then every assigned one in file order, each once. What a
     * POP3 {@code CAPA} before login advertises from (RFC 2449 EXPIRE: the smallest value, with {@code USER}
     * when they differ). It may include a policy that, in fact, every member of its group overrides by a user
     * assignment: a smaller EXPIRE before login is always truthful.
     */
    public Collection<Policy> assignablePolicies() {
        List<Policy> assignable = new ArrayList<>();
        for (String name : assignments.assignedPolicies()) {
            assignable.add(policies.get(name));
        }
        return Collections.unmodifiableList(assignable);
    }

    @Override
    public String toString() {
        return "RetentionConfig{policies=" + policies.keySet() + ", assignments=" + assignments.written()
            + ", holds=" + holds.keySet() + ", " + sweeper + ", notices=" + notices.size() + "}";
    }
}
