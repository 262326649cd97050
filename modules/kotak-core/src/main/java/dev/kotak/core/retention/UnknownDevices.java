package dev.kotak.core.retention;

import java.util.Objects;
import java.util.Optional;

/** What a login with a device name the policy does not register gets. */
public final class UnknownDevices {
    public enum Mode {
        /** The policy's own rules, as a login without a device name (default); its retrievals are still marked. */
        POLICY,
        /** The login is refused with {@code -ERR [AUTH]}. */
        REJECT,
        /** The rules of a named registered device. */
        AS_DEVICE
    }

    public static final UnknownDevices POLICY = new UnknownDevices(Mode.POLICY, Optional.empty());
    public static final UnknownDevices REJECT = new UnknownDevices(Mode.REJECT, Optional.empty());

    private final Mode mode;
    private final Optional<String> device;

    private UnknownDevices(Mode mode, Optional<String> device) {
        this.mode = mode;
        this.device = device;
    }

    public static UnknownDevices as(String device) {
        return new UnknownDevices(Mode.AS_DEVICE, Optional.of(DeviceRule.normalize(device)));
    }

    public Mode mode() {
        return mode;
    }

    /** For {@link Mode#AS_DEVICE}: the registered device whose rules apply. */
    public Optional<String> device() {
        return device;
    }

    /** The value written in retention.xml: {@code policy}, {@code reject} or a device name. */
    public String configValue() {
        return mode == Mode.AS_DEVICE ? device.get() : mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnknownDevices && mode == ((UnknownDevices) other).mode
            && device.equals(((UnknownDevices) other).device);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, device);
    }

    @Override
    public String toString() {
        return configValue();
    }
}
