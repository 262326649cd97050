package dev.kotak.core.retention;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * RFC 2449 §6.7 EXPIRE, computed from policies: the minimum number of whole days the server keeps a message
 * after a POP3 client retrieved it. {@code NEVER} when no rule ever removes retrieved mail, {@code 0} when one
 * may remove it at once (delete or move on retrieval, removal once every device has it, or a maximum age
 * that a late retrieval may be right up against).
 */
public final class ExpireCapability {
    public static final String NAME = "EXPIRE";
    private static final long NEVER = Long.MAX_VALUE;

    private ExpireCapability() {
    }

    /** The guaranteed days of a policy's retrieved messages; empty for NEVER. */
    public static OptionalLong guaranteedDays(Policy policy) {
        long days = computed(policy);
        return days == NEVER ? OptionalLong.empty() : OptionalLong.of(days);
    }

    /**
     * What the policy advertises: the operator's value if set (a {@link Policy} refuses one above the guarantee),
     * else the guarantee.
     */
    public static OptionalLong advertisedDays(Policy policy) {
        if (policy.advertisedExpireDays().isPresent()) {
            return policy.advertisedExpireDays();
        }
        return guaranteedDays(policy);
    }

    /** The CAPA line after login: {@code EXPIRE NEVER} or {@code EXPIRE 14}. */
    public static String afterLogin(Policy policy) {
        OptionalLong days = advertisedDays(policy);
        return NAME + " " + (days.isPresent() ? Long.toString(days.getAsLong()) : "NEVER");
    }

    /**
     * The CAPA line before login: the minimum over every policy a user may have, with the {@code USER} tag when
     * users' values differ (RFC 2449: the client then asks again after login).
     */
    public static String beforeLogin(Collection<Policy> policies) {
        Set<Long> values = new LinkedHashSet<>();
        for (Policy policy : policies) {
            OptionalLong days = advertisedDays(policy);
            values.add(days.isPresent() ? days.getAsLong() : NEVER);
        }
        long minimum = values.stream().mapToLong(Long::longValue).min().orElse(NEVER);
        String value = minimum == NEVER ? "NEVER" : Long.toString(minimum);
        return NAME + " " + value + (values.size() > 1 ? " USER" : "");
    }

    private static long computed(Policy policy) {
        if (policy.onRetrieve().removesFromMaildrop() || policy.keepUntilAllDevicesRetrieved()
            || policy.lifetimes().maxAge().isPresent()) {
            return 0;
        }
        for (DeviceRule device : policy.devices().values()) {
            if (device.onRetrieve().map(OnRetrieve::removesFromMaildrop).orElse(false)) {
                return 0;
            }
        }
        return policy.lifetimes().retrieved().map(ExpireCapability::wholeDays).orElse(NEVER);
    }

    private static long wholeDays(Duration duration) {
        return duration.toDays();
    }
}
