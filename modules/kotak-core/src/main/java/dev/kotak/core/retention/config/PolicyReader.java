package dev.kotak.core.retention.config;

import static dev.kotak.core.retention.config.ElementReader.attribute;
import static dev.kotak.core.retention.config.ElementReader.child;
import static dev.kotak.core.retention.config.ElementReader.children;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

import org.w3c.dom.Element;

import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.retention.DeleteAction;
import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.OnDelete;
import dev.kotak.core.retention.OnRetrieve;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.RetrieveAction;

/**
 * Reads each {@code <policy>} into a {@link PolicyDeclaration}, reporting what is wrong within one policy:
 * a duplicate or reserved name, a folder missing from {@code move} or given to another action, a device
 * declared twice or named like a keyword of {@code unknown}.
 */
final class PolicyReader {
    /** Values of {@code <devices unknown>} that are not device names. */
    static final String UNKNOWN_POLICY = "policy";
    static final String UNKNOWN_REJECT = "reject";

    private final ElementReader reader;

    PolicyReader(ElementReader reader) {
        this.reader = reader;
    }

    /** The declarations in file order; a policy whose name is taken or reserved is reported and left out. */
    List<PolicyDeclaration> read(Optional<Element> policies) {
        List<PolicyDeclaration> declarations = new ArrayList<>();
        Map<String, Element> byName = new LinkedHashMap<>();
        for (Element policy : policies.map(parent -> children(parent, "policy")).orElse(List.of())) {
            String name = policy.getAttribute("name");
            if (name.equalsIgnoreCase(Policy.RFC1939_NAME)) {
                reader.problem(policy, "name", "policy '" + name + "' is built in and cannot be redefined; expected "
                    + "another name, with extends=\"" + Policy.RFC1939_NAME + "\" to start from it");
                continue;
            }
            Element earlier = byName.putIfAbsent(name, policy);
            if (earlier != null) {
                reader.problem(policy, "name", "policy '" + name + "' is already declared on line "
                    + ConfigLocation.of(earlier).line() + "; expected each policy name once");
                continue;
            }
            declarations.add(declaration(name, policy));
        }
        return declarations;
    }

    private PolicyDeclaration declaration(String name, Element policy) {
        Settings settings = new Settings();
        readActions(policy, name, settings);
        child(policy, "expire").ifPresent(expire -> {
            read(settings, name, Settings.UNRETRIEVED, expire, "unretrieved", reader::duration);
            read(settings, name, Settings.RETRIEVED, expire, "retrieved", reader::duration);
            read(settings, name, Settings.HIDDEN, expire, "hidden", reader::duration);
            read(settings, name, Settings.MAX_AGE, expire, "maxAge", reader::duration);
        });
        child(policy, "view").ifPresent(view -> readView(view, name, settings));
        child(policy, "loginDelay").ifPresent(delay ->
            read(settings, name, Settings.LOGIN_DELAY, delay, "value", reader::duration));
        child(policy, "advertise").ifPresent(advertise ->
            read(settings, name, Settings.ADVERTISE_EXPIRE, advertise, "expire", PolicyReader::expireDays));
        Map<String, DeviceDeclaration> devices = new LinkedHashMap<>();
        child(policy, "devices").ifPresent(element -> readDevices(element, name, settings, devices));
        return new PolicyDeclaration(name, policy, attribute(policy, "extends"), settings, devices);
    }

    /** {@code <onRetrieve>} and {@code <onDelete>}, in a policy or a device. */
    private void readActions(Element parent, String policy, Settings settings) {
        child(parent, "onRetrieve").ifPresent(element -> {
            RetrieveAction action = RetrieveAction.fromConfigName(element.getAttribute("action")).orElseThrow();
            if (folderFits(element, action == RetrieveAction.MOVE, action.configName())) {
                OnRetrieve value = action == RetrieveAction.MOVE ? OnRetrieve.moveTo(element.getAttribute("folder"))
                    : OnRetrieve.of(action);
                settings.put(Settings.ON_RETRIEVE, value, ConfigLocation.of(element), policy);
            }
        });
        child(parent, "onDelete").ifPresent(element -> {
            DeleteAction action = DeleteAction.fromConfigName(element.getAttribute("action")).orElseThrow();
            if (folderFits(element, action == DeleteAction.MOVE, action.configName())) {
                OnDelete value = action == DeleteAction.MOVE ? OnDelete.moveTo(element.getAttribute("folder"))
                    : OnDelete.of(action);
                settings.put(Settings.ON_DELETE, value, ConfigLocation.of(element), policy);
            }
        });
    }

    private boolean folderFits(Element element, boolean move, String action) {
        boolean hasFolder = element.hasAttribute("folder");
        if (move && !hasFolder) {
            reader.problem(element, "element '" + element.getTagName() + "' with action 'move' has no folder; "
                + "expected a folder to move to, e.g. folder=\"Archive\"");
            return false;
        }
        if (!move && hasFolder) {
            reader.problem(element, "folder", "attribute 'folder' on element '" + element.getTagName()
                + "' only goes with action 'move'; expected no folder with action '" + action + "'");
            return false;
        }
        return true;
    }

    private void readView(Element view, String policy, Settings settings) {
        read(settings, policy, Settings.NEWER_THAN, view, "newerThan", reader::duration);
        read(settings, policy, Settings.SINCE, view, "since", reader::instant);
        read(settings, policy, Settings.MAX_MESSAGES, view, "maxMessages", ElementReader::integer);
    }

    /** Records an attribute's value, if written and valid, at the attribute's location. */
    private static <T> void read(Settings settings, String policy, Settings.Key<T> key, Element element,
                                 String attribute, BiFunction<Element, String, Optional<T>> parse) {
        parse.apply(element, attribute).ifPresent(value ->
            settings.put(key, value, ConfigLocation.of(element, attribute), policy));
    }

    /** {@code <advertise expire>}: days, or {@code NEVER} (empty). */
    private static Optional<OptionalLong> expireDays(Element advertise, String attribute) {
        String days = advertise.getAttribute(attribute);
        return Optional.of("NEVER".equals(days) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(days)));
    }

    private void readDevices(Element devices, String policy, Settings settings,
                             Map<String, DeviceDeclaration> declared) {
        read(settings, policy, Settings.UNKNOWN_DEVICES, devices, "unknown", ElementReader::attribute);
        read(settings, policy, Settings.KEEP_UNTIL_ALL_RETRIEVED, devices, "keepUntilAllRetrieved",
            ElementReader::bool);
        for (Element device : children(devices, "device")) {
            String name = device.getAttribute("name");
            if (isKeyword(name)) {
                reader.problem(device, "name", "device name '" + name + "' is reserved for <devices unknown>; "
                    + "expected a name other than " + UNKNOWN_POLICY + " or " + UNKNOWN_REJECT);
                continue;
            }
            String normalized = DeviceRule.normalize(name);
            DeviceDeclaration earlier = declared.get(normalized);
            if (earlier != null) {
                reader.problem(device, "name", "device '" + name + "' is already declared on line "
                    + ConfigLocation.of(earlier.element).line() + "; expected each device name once, ignoring case");
                continue;
            }
            Settings own = new Settings();
            readActions(device, policy, own);
            Optional<Element> view = child(device, "view");
            view.ifPresent(element -> readView(element, policy, own));
            declared.put(normalized, new DeviceDeclaration(name, device, policy, own, view.isPresent()));
        }
    }

    static boolean isKeyword(String unknownValue) {
        String normalized = unknownValue.toLowerCase(Locale.ROOT);
        return normalized.equals(UNKNOWN_POLICY) || normalized.equals(UNKNOWN_REJECT);
    }
}
