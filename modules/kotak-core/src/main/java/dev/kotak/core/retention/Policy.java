package dev.kotak.core.retention;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A retention policy with every value resolved (its {@code extends} chain already applied): what POP3
 * retrieval and DELE do, how long INBOX keeps messages, what sessions list, and its devices. Immutable; the
 * {@link #RFC1939} policy is RFC 1939 as written and the default of every server.
 */
public final class Policy {
    public static final String RFC1939_NAME = "rfc1939";
    public static final Policy RFC1939 = builder(RFC1939_NAME).build();

    private final String name;
    private final OnRetrieve onRetrieve;
    private final OnDelete onDelete;
    private final Lifetimes lifetimes;
    private final AccessWindow view;
    private final Duration loginDelay;
    private final Map<String, DeviceRule> devices;
    private final UnknownDevices unknownDevices;
    private final boolean keepUntilAllDevicesRetrieved;
    private final OptionalLong advertisedExpireDays;

    private Policy(Builder builder) {
        this.name = builder.name;
        this.onRetrieve = builder.onRetrieve;
        this.onDelete = builder.onDelete;
        this.lifetimes = builder.lifetimes;
        this.view = builder.view;
        this.loginDelay = builder.loginDelay;
        this.devices = Collections.unmodifiableMap(new LinkedHashMap<>(builder.devices));
        this.unknownDevices = builder.unknownDevices;
        this.keepUntilAllDevicesRetrieved = builder.keepUntilAllDevicesRetrieved;
        this.advertisedExpireDays = builder.advertisedExpireDays;
        if (unknownDevices.mode() == UnknownDevices.Mode.AS_DEVICE && !devices.containsKey(unknownDevices.device().get())) {
            throw new IllegalArgumentException("unknown devices follow '" + unknownDevices.device().get()
                + "', which policy " + name + " does not register");
        }
        if (keepUntilAllDevicesRetrieved && devices.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + " keeps mail until every device retrieved it"
                + " but registers no device");
        }
        if (advertisedExpireDays.isPresent()) {
            // What CAPA advertises is what the server does: an EXPIRE above the guarantee would promise clients
            // that retrieved mail stays longer than the rules keep it, so such a policy is invalid, not clamped.
            long days = advertisedExpireDays.getAsLong();
            OptionalLong guaranteed = ExpireCapability.guaranteedDays(this);
            if (days < 0) {
                throw new IllegalArgumentException("policy " + name + " advertises EXPIRE " + days
                    + "; expected a number of days, 0 or more");
            }
            if (guaranteed.isPresent() && days > guaranteed.getAsLong()) {
                throw new IllegalArgumentException("policy " + name + " advertises EXPIRE " + days
                    + " but may remove retrieved mail after " + guaranteed.getAsLong() + " whole days; expected at"
                    + " most " + guaranteed.getAsLong());
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder(String newName) {
        Builder builder = new Builder(newName);
        builder.onRetrieve = onRetrieve;
        builder.onDelete = onDelete;
        builder.lifetimes = lifetimes;
        builder.view = view;
        builder.loginDelay = loginDelay;
        builder.devices.putAll(devices);
        builder.unknownDevices = unknownDevices;
        builder.keepUntilAllDevicesRetrieved = keepUntilAllDevicesRetrieved;
        builder.advertisedExpireDays = advertisedExpireDays;
        return builder;
    }

    public String name() {
        return name;
    }

    public OnRetrieve onRetrieve() {
        return onRetrieve;
    }

    public OnDelete onDelete() {
        return onDelete;
    }

    public Lifetimes lifetimes() {
        return lifetimes;
    }

    public AccessWindow view() {
        return view;
    }

    /** RFC 2449 LOGIN-DELAY: the minimum time between two logins of the same user and device; zero for none. */
    public Duration loginDelay() {
        return loginDelay;
    }

    /** Registered devices by normalized name ({@link DeviceRule#normalize}), in declaration order. */
    public Map<String, DeviceRule> devices() {
        return devices;
    }

    public UnknownDevices unknownDevices() {
        return unknownDevices;
    }

    /** When true, a message every registered device has retrieved may be expunged (as the sweeper runs). */
    public boolean keepUntilAllDevicesRetrieved() {
        return keepUntilAllDevicesRetrieved;
    }

    /**
     * Whether a retrieval can change what {@link RetentionRules} decide: only the {@code unretrieved} and
     * {@code retrieved} lifetimes and {@code keepUntilAllRetrieved} read retrieval marks. QUIT records retrievals
     * only then: a mark is a flag update per downloaded message, which would make every RFC 1939 download pay for
     * state nothing reads. A policy switched on later counts earlier downloads as not retrieved.
     */
    public boolean recordsRetrievals() {
        return lifetimes.unretrieved().isPresent() || lifetimes.retrieved().isPresent() || keepUntilAllDevicesRetrieved;
    }

    /**
     * Whether a retrieval also records which device made it: only {@code keepUntilAllRetrieved} reads that, and
     * it is one more keyword row per message and device.
     */
    public boolean recordsRetrievingDevices() {
        return keepUntilAllDevicesRetrieved;
    }

    /** An EXPIRE value the operator wants CAPA to show instead of the computed one; never above the computed. */
    public OptionalLong advertisedExpireDays() {
        return advertisedExpireDays;
    }

    /**
     * The rules of a session that logged in with {@code device} (empty: no {@code #device} suffix). Empty
     * when the policy refuses that device.
     */
    public Optional<SessionRules> session(Optional<String> device) {
        if (device.isEmpty()) {
            return Optional.of(new SessionRules(Optional.empty(), onRetrieve, onDelete, view));
        }
        String normalized = DeviceRule.normalize(device.get());
        DeviceRule rule = devices.get(normalized);
        if (rule == null) {
            switch (unknownDevices.mode()) {
                case REJECT:
                    return Optional.empty();
                case AS_DEVICE:
                    rule = devices.get(unknownDevices.device().get());
                    break;
                default:
                    return Optional.of(new SessionRules(Optional.of(normalized), onRetrieve, onDelete, view));
            }
        }
        return Optional.of(new SessionRules(Optional.of(normalized), rule.onRetrieve().orElse(onRetrieve),
            rule.onDelete().orElse(onDelete), rule.view().orElse(view)));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Policy)) {
            return false;
        }
        Policy that = (Policy) other;
        return name.equals(that.name) && onRetrieve.equals(that.onRetrieve) && onDelete.equals(that.onDelete)
            && lifetimes.equals(that.lifetimes) && view.equals(that.view) && loginDelay.equals(that.loginDelay)
            && devices.equals(that.devices) && unknownDevices.equals(that.unknownDevices)
            && keepUntilAllDevicesRetrieved == that.keepUntilAllDevicesRetrieved
            && advertisedExpireDays.equals(that.advertisedExpireDays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, onRetrieve, onDelete, lifetimes, view, loginDelay, devices);
    }

    @Override
    public String toString() {
        return "Policy{" + name + ", onRetrieve=" + onRetrieve + ", onDelete=" + onDelete + ", " + lifetimes + ", "
            + view + ", loginDelay=" + loginDelay + ", devices=" + devices.values() + ", unknownDevices="
            + unknownDevices + ", keepUntilAllDevicesRetrieved=" + keepUntilAllDevicesRetrieved + "}";
    }

    public static final class Builder {
        private final String name;
        private OnRetrieve onRetrieve = OnRetrieve.KEEP;
        private OnDelete onDelete = OnDelete.EXPUNGE;
        private Lifetimes lifetimes = Lifetimes.NONE;
        private AccessWindow view = AccessWindow.ALL;
        private Duration loginDelay = Duration.ZERO;
        private final Map<String, DeviceRule> devices = new LinkedHashMap<>();
        private UnknownDevices unknownDevices = UnknownDevices.POLICY;
        private boolean keepUntilAllDevicesRetrieved;
        private OptionalLong advertisedExpireDays = OptionalLong.empty();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder onRetrieve(OnRetrieve onRetrieve) {
            this.onRetrieve = Objects.requireNonNull(onRetrieve);
            return this;
        }

        public Builder onDelete(OnDelete onDelete) {
            this.onDelete = Objects.requireNonNull(onDelete);
            return this;
        }

        public Builder lifetimes(Lifetimes lifetimes) {
            this.lifetimes = Objects.requireNonNull(lifetimes);
            return this;
        }

        public Builder view(AccessWindow view) {
            this.view = Objects.requireNonNull(view);
            return this;
        }

        public Builder loginDelay(Duration loginDelay) {
            if (loginDelay.isNegative()) {
                throw new IllegalArgumentException("negative login delay");
            }
            this.loginDelay = loginDelay;
            return this;
        }

        /** Adds or replaces a device (a policy that extends another may redefine its devices one by one). */
        public Builder device(DeviceRule device) {
            this.devices.put(DeviceRule.normalize(device.name()), device);
            return this;
        }

        public Builder unknownDevices(UnknownDevices unknownDevices) {
            this.unknownDevices = Objects.requireNonNull(unknownDevices);
            return this;
        }

        public Builder keepUntilAllDevicesRetrieved(boolean keep) {
            this.keepUntilAllDevicesRetrieved = keep;
            return this;
        }

        public Builder advertisedExpireDays(OptionalLong days) {
            this.advertisedExpireDays = Objects.requireNonNull(days);
            return this;
        }

        public Policy build() {
            return new Policy(this);
        }
    }
}
