package dev.kotak.core.retention.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.kotak.core.retention.Policy;

/**
 * The policy a user gets, why (its {@link Assignment}), and for each of its values which policy of the
 * {@code extends} chain wrote it: what the WebAdmin route "effective policy of a user" shows.
 */
public final class EffectivePolicy {
    /** What {@link #origin} answers for a value no policy of the chain writes: the built-in default applies. */
    public static final String DEFAULT_ORIGIN = "default";

    /**
     * The names of a policy's values, in the order {@link #origins()} lists them; besides these, each registered
     * device is a value named {@code devices.<name>} (normalized name), set by the policy that declared it.
     */
    public static final List<String> VALUE_NAMES = List.of(
        "onRetrieve", "onDelete",
        "expire.unretrieved", "expire.retrieved", "expire.hidden", "expire.maxAge",
        "view.newerThan", "view.since", "view.maxMessages",
        "loginDelay", "advertise.expire",
        "devices.unknown", "devices.keepUntilAllRetrieved");

    private final Policy policy;
    private final Assignment assignment;
    private final Map<String, String> origins;

    EffectivePolicy(Policy policy, Assignment assignment, Map<String, String> origins) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.assignment = Objects.requireNonNull(assignment, "assignment");
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    public Policy policy() {
        return policy;
    }

    public Assignment assignment() {
        return assignment;
    }

    /** One line, e.g. {@code policy leave-14d, assigned to domain example.org}. */
    public String explain() {
        return assignment.toString();
    }

    /**
     * The policy of the {@code extends} chain that wrote a value (the policy itself, or the ancestor it
     * inherits the value from), or {@link #DEFAULT_ORIGIN} when none did.
     *
     * @param valueName one of {@link #VALUE_NAMES}, or {@code devices.<name>} for a device of the policy
     * @throws IllegalArgumentException for any other name
     */
    public String origin(String valueName) {
        String origin = origins.get(valueName);
        if (origin == null) {
            throw new IllegalArgumentException("policy " + policy.name() + " has no value named '" + valueName
                + "'; expected one of " + String.join(", ", origins.keySet()));
        }
        return origin;
    }

    /** Every value name of the policy with its {@link #origin}, in {@link #VALUE_NAMES} order, then devices. */
    public Map<String, String> origins() {
        return origins;
    }

    /** Origins of every value of a policy, from the policy that wrote each value (absent: the default). */
    static Map<String, String> origins(Map<String, String> written, Policy policy) {
        Map<String, String> origins = new LinkedHashMap<>();
        for (String name : VALUE_NAMES) {
            origins.put(name, written.getOrDefault(name, DEFAULT_ORIGIN));
        }
        for (String device : policy.devices().keySet()) {
            String name = "devices." + device;
            origins.put(name, written.getOrDefault(name, DEFAULT_ORIGIN));
        }
        return Collections.unmodifiableMap(origins);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof EffectivePolicy)) {
            return false;
        }
        EffectivePolicy that = (EffectivePolicy) other;
        return policy.equals(that.policy) && assignment.equals(that.assignment) && origins.equals(that.origins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, assignment, origins);
    }

    @Override
    public String toString() {
        return explain() + " " + origins;
    }
}
