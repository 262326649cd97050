package dev.kotak.retention.webadmin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.kotak.core.retention.AccessWindow;
import dev.kotak.core.retention.ExpireCapability;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.units.Durations;

/** A policy's values under the names retention.xml and EffectivePolicy use, written as an operator writes them. */
final class PolicyValues {
    private PolicyValues() {
    }

    /** The value named {@code name} (see EffectivePolicy.VALUE_NAMES, or devices.NAME); empty when unset. */
    static Optional<String> render(Policy policy, String name) {
        AccessWindow view = policy.view();
        switch (name) {
            case "onRetrieve":
                return Optional.of(policy.onRetrieve().toString());
            case "onDelete":
                return Optional.of(policy.onDelete().toString());
            case "expire.unretrieved":
                return duration(policy.lifetimes().unretrieved());
            case "expire.retrieved":
                return duration(policy.lifetimes().retrieved());
            case "expire.hidden":
                return duration(policy.lifetimes().hidden());
            case "expire.maxAge":
                return duration(policy.lifetimes().maxAge());
            case "view.newerThan":
                return duration(view.newerThan());
            case "view.since":
                return view.since().map(Instant::toString);
            case "view.maxMessages":
                return view.maxMessages().isPresent()
                    ? Optional.of(Integer.toString(view.maxMessages().getAsInt())) : Optional.empty();
            case "loginDelay":
                return policy.loginDelay().isZero() ? Optional.empty() : duration(Optional.of(policy.loginDelay()));
            case "advertise.expire":
                return Optional.of(ExpireCapability.afterLogin(policy).substring(ExpireCapability.NAME.length() + 1));
            case "devices.unknown":
                return Optional.of(policy.unknownDevices().configValue());
            case "devices.keepUntilAllRetrieved":
                return Optional.of(Boolean.toString(policy.keepUntilAllDevicesRetrieved()));
            default:
                if (name.startsWith("devices.")) {
                    return Optional.ofNullable(policy.devices().get(name.substring("devices.".length())))
                        .map(Object::toString);
                }
                return Optional.empty();
        }
    }

    private static Optional<String> duration(Optional<Duration> duration) {
        return duration.map(Durations::format);
    }
}
