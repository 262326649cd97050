package dev.kotak.core.retention.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import dev.kotak.core.retention.AccessWindow;
import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.ExpireCapability;
import dev.kotak.core.retention.Lifetimes;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.UnknownDevices;

/**
 * Applies {@code extends}: a policy starts from its parent's values (the built-in defaults, i.e.
 * {@link Policy#RFC1939}, without a parent) and overrides the values it writes; {@code <expire>} and
 * {@code <view>} attribute by attribute, {@code <devices>} attribute by attribute and device by device (a
 * device of the same name replaces the parent's). Reports unknown parents, cycles, and what only the resolved
 * policy shows: an {@code unknown} that names no device, {@code keepUntilAllRetrieved} without devices, an
 * {@code advertise expire} above what the rules guarantee.
 */
final class PolicyResolver {

    /** A policy with its chain applied. */
    static final class Resolved {
        /** Empty for the built-in {@code rfc1939}. */
        final Optional<PolicyDeclaration> declaration;
        final Settings settings;
        final Map<String, DeviceDeclaration> devices;
        final Policy policy;
        final Map<String, String> origins;

        Resolved(Optional<PolicyDeclaration> declaration, Settings settings, Map<String, DeviceDeclaration> devices,
                 Policy policy) {
            this.declaration = declaration;
            this.settings = settings;
            this.devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
            this.policy = policy;
            Map<String, String> writers = settings.writers();
            devices.forEach((normalized, device) -> writers.put("devices." + normalized, device.policy));
            this.origins = EffectivePolicy.origins(writers, policy);
        }
    }

    static final Resolved RFC1939 = new Resolved(Optional.empty(), new Settings(), Map.of(), Policy.RFC1939);

    private final ElementReader reader;
    private final Map<String, PolicyDeclaration> declared = new LinkedHashMap<>();
    private final Map<String, Resolved> resolved = new LinkedHashMap<>();
    /** Policies that cannot be resolved (unknown parent, cycle, or an ancestor that cannot). */
    private final Set<String> unresolvable = new HashSet<>();
    /** Policies whose own advertise expire was refused: their children are not told again. */
    private final Set<String> overpromising = new HashSet<>();

    PolicyResolver(ElementReader reader) {
        this.reader = reader;
    }

    /** Every policy that could be resolved, {@code rfc1939} first, then in file order. */
    Map<String, Resolved> resolve(List<PolicyDeclaration> declarations) {
        declarations.forEach(declaration -> declared.put(declaration.name, declaration));
        resolved.put(Policy.RFC1939_NAME, RFC1939);
        reportUnknownParents();
        reportCycles();
        for (PolicyDeclaration declaration : declarations) {
            resolve(declaration);
        }
        Map<String, Resolved> ordered = new LinkedHashMap<>();
        ordered.put(Policy.RFC1939_NAME, RFC1939);
        for (PolicyDeclaration declaration : declarations) {
            Resolved policy = resolved.get(declaration.name);
            if (policy != null) {
                ordered.put(declaration.name, policy);
            }
        }
        return ordered;
    }

    /** {@code rfc1939} and every declared name, for "expected one of the declared names". */
    static String declaredNames(Collection<String> names) {
        Set<String> all = new LinkedHashSet<>();
        all.add(Policy.RFC1939_NAME);
        all.addAll(names);
        return String.join(", ", all);
    }

    private void reportUnknownParents() {
        for (PolicyDeclaration declaration : declared.values()) {
            String parent = declaration.parent.orElse(Policy.RFC1939_NAME);
            if (!parent.equals(Policy.RFC1939_NAME) && !declared.containsKey(parent)) {
                reader.problem(declaration.element, "extends", "'" + parent + "' refers to no policy; expected one of"
                    + " the declared names: " + declaredNames(declared.keySet()));
                unresolvable.add(declaration.name);
            }
        }
    }

    private void reportCycles() {
        Set<String> walked = new HashSet<>();
        List<String> fileOrder = new ArrayList<>(declared.keySet());
        for (PolicyDeclaration start : declared.values()) {
            List<String> path = new ArrayList<>();
            PolicyDeclaration current = start;
            while (current != null && !walked.contains(current.name)) {
                walked.add(current.name);
                path.add(current.name);
                current = current.parent.map(declared::get).orElse(null);
            }
            if (current == null || !path.contains(current.name)) {
                continue;
            }
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current.name), path.size()));
            String first = cycle.stream().min((a, b) -> fileOrder.indexOf(a) - fileOrder.indexOf(b)).orElseThrow();
            Collections.rotate(cycle, -cycle.indexOf(first));
            cycle.add(first);
            unresolvable.addAll(cycle);
            reader.problem(declared.get(first).element, "extends", "policy '" + first + "' extends itself: "
                + String.join(" -> ", cycle) + "; expected a chain of extends that ends at a policy without extends,"
                + " such as " + Policy.RFC1939_NAME);
        }
    }

    private Optional<Resolved> resolve(PolicyDeclaration declaration) {
        if (resolved.containsKey(declaration.name)) {
            return Optional.of(resolved.get(declaration.name));
        }
        if (unresolvable.contains(declaration.name)) {
            return Optional.empty();
        }
        Optional<Resolved> parent = declaration.parent.filter(name -> !name.equals(Policy.RFC1939_NAME))
            .map(name -> resolve(declared.get(name)))
            .orElse(Optional.of(RFC1939));
        if (parent.isEmpty()) {
            unresolvable.add(declaration.name);
            return Optional.empty();
        }
        Settings settings = parent.get().settings.overriddenBy(declaration.settings);
        Map<String, DeviceDeclaration> devices = new LinkedHashMap<>(parent.get().devices);
        devices.putAll(declaration.devices);
        Optional<Resolved> policy = build(declaration, settings, devices);
        if (policy.isEmpty()) {
            unresolvable.add(declaration.name);
            return Optional.empty();
        }
        resolved.put(declaration.name, policy.get());
        return policy;
    }

    private Optional<Resolved> build(PolicyDeclaration declaration, Settings settings,
                                     Map<String, DeviceDeclaration> devices) {
        boolean consistent = checkUnknownDevices(declaration, settings, devices);
        consistent &= checkKeepUntilAllRetrieved(declaration, settings, devices);
        if (!consistent) {
            return Optional.empty();
        }
        Policy.Builder builder = Policy.builder(declaration.name)
            .lifetimes(new Lifetimes(settings.get(Settings.UNRETRIEVED), settings.get(Settings.RETRIEVED),
                settings.get(Settings.HIDDEN), settings.get(Settings.MAX_AGE)))
            .view(window(settings));
        settings.get(Settings.ON_RETRIEVE).ifPresent(builder::onRetrieve);
        settings.get(Settings.ON_DELETE).ifPresent(builder::onDelete);
        settings.get(Settings.LOGIN_DELAY).ifPresent(builder::loginDelay);
        for (DeviceDeclaration device : devices.values()) {
            Optional<AccessWindow> view = device.hasView
                ? Optional.of(window(settings.overriddenBy(device.settings))) : Optional.empty();
            builder.device(new DeviceRule(device.name, device.settings.get(Settings.ON_RETRIEVE),
                device.settings.get(Settings.ON_DELETE), view));
        }
        settings.get(Settings.UNKNOWN_DEVICES).map(PolicyResolver::unknownDevices).ifPresent(builder::unknownDevices);
        settings.get(Settings.KEEP_UNTIL_ALL_RETRIEVED).ifPresent(builder::keepUntilAllDevicesRetrieved);
        Policy policy;
        try {
            // The advertised EXPIRE is checked against the rules alone, with the file's own wording and position,
            // before Policy (which refuses an overpromise too) sees it.
            Policy rules = builder.build();
            if (!checkAdvertisedExpire(declaration, settings, rules)) {
                return Optional.empty();
            }
            settings.get(Settings.ADVERTISE_EXPIRE).ifPresent(builder::advertisedExpireDays);
            policy = builder.build();
        } catch (IllegalArgumentException inconsistent) {
            // The checks above make this unreachable; if a new rule of Policy is not mirrored here, stop anyway.
            reader.problem(declaration.element, "policy '" + declaration.name + "' is inconsistent: "
                + inconsistent.getMessage() + "; expected a policy Kotak can apply");
            return Optional.empty();
        }
        return Optional.of(new Resolved(Optional.of(declaration), settings, devices, policy));
    }

    private boolean checkUnknownDevices(PolicyDeclaration declaration, Settings settings,
                                        Map<String, DeviceDeclaration> devices) {
        Optional<Settings.Setting<String>> unknown = settings.setting(Settings.UNKNOWN_DEVICES)
            .filter(setting -> setting.policy.equals(declaration.name));
        if (unknown.isEmpty() || PolicyReader.isKeyword(unknown.get().value)
            || devices.containsKey(DeviceRule.normalize(unknown.get().value))) {
            return true;
        }
        String choices = devices.isEmpty() ? " (it declares none)"
            : " or one of its devices: " + String.join(", ", deviceNames(devices));
        reader.problem(unknown.get().location, "attribute 'unknown' on element 'devices' has value '"
            + unknown.get().value + "', which is no device of policy '" + declaration.name + "'; expected "
            + PolicyReader.UNKNOWN_POLICY + ", " + PolicyReader.UNKNOWN_REJECT + choices);
        return false;
    }

    private boolean checkKeepUntilAllRetrieved(PolicyDeclaration declaration, Settings settings,
                                               Map<String, DeviceDeclaration> devices) {
        Optional<Settings.Setting<Boolean>> keep = settings.setting(Settings.KEEP_UNTIL_ALL_RETRIEVED)
            .filter(setting -> setting.policy.equals(declaration.name) && setting.value);
        if (keep.isEmpty() || !devices.isEmpty()) {
            return true;
        }
        reader.problem(keep.get().location, "attribute 'keepUntilAllRetrieved' is true but policy '"
            + declaration.name + "' declares no device; expected at least one <device> in <devices>, "
            + "or keepUntilAllRetrieved=\"false\"");
        return false;
    }

    /** RFC 2449 §6.7: EXPIRE is a promise; advertising more days than the rules keep mail would break it. */
    private boolean checkAdvertisedExpire(PolicyDeclaration declaration, Settings settings, Policy policy) {
        Optional<Settings.Setting<OptionalLong>> advertised = settings.setting(Settings.ADVERTISE_EXPIRE);
        OptionalLong guaranteed = ExpireCapability.guaranteedDays(policy);
        if (advertised.isEmpty() || guaranteed.isEmpty() || overpromising.contains(advertised.get().policy)) {
            return true;
        }
        OptionalLong days = advertised.get().value;
        if (days.isPresent() && days.getAsLong() <= guaranteed.getAsLong()) {
            return true;
        }
        String value = days.isPresent() ? Long.toString(days.getAsLong()) : "NEVER";
        String most = Long.toString(guaranteed.getAsLong());
        if (advertised.get().policy.equals(declaration.name)) {
            overpromising.add(declaration.name);
            reader.problem(advertised.get().location, "advertise expire '" + value + "' promises more than policy '"
                + declaration.name + "' keeps retrieved mail (" + days(guaranteed.getAsLong()) + "); expected at most "
                + most + ", as RFC 2449 forbids removing retrieved mail sooner than EXPIRE says");
        } else {
            reader.problem(declaration.element, "policy '" + declaration.name + "' inherits advertise expire '" + value
                + "' from policy '" + advertised.get().policy + "' but keeps retrieved mail only "
                + days(guaranteed.getAsLong()) + "; expected <advertise expire=\"" + most + "\"/> or less in policy '"
                + declaration.name + "'");
        }
        return false;
    }

    private static String days(long days) {
        return days == 1 ? "1 day" : days + " days";
    }

    private static List<String> deviceNames(Map<String, DeviceDeclaration> devices) {
        List<String> names = new ArrayList<>();
        devices.values().forEach(device -> names.add(device.name));
        return names;
    }

    private static AccessWindow window(Settings settings) {
        Optional<Integer> maxMessages = settings.get(Settings.MAX_MESSAGES);
        return new AccessWindow(settings.get(Settings.NEWER_THAN), settings.get(Settings.SINCE),
            maxMessages.isPresent() ? OptionalInt.of(maxMessages.get()) : OptionalInt.empty());
    }

    private static UnknownDevices unknownDevices(String value) {
        String normalized = DeviceRule.normalize(value);
        if (normalized.equals(PolicyReader.UNKNOWN_POLICY)) {
            return UnknownDevices.POLICY;
        }
        return normalized.equals(PolicyReader.UNKNOWN_REJECT) ? UnknownDevices.REJECT : UnknownDevices.as(value);
    }
}
