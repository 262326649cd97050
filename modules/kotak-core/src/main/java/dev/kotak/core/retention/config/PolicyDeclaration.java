package dev.kotak.core.retention.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Element;

/** A {@code <policy>} as written, before its {@code extends} chain is applied. */
final class PolicyDeclaration {
    final String name;
    final Element element;
    final Optional<String> parent;
    final Settings settings;
    /** By normalized name, in declaration order. */
    final Map<String, DeviceDeclaration> devices;

    PolicyDeclaration(String name, Element element, Optional<String> parent, Settings settings,
                      Map<String, DeviceDeclaration> devices) {
        this.name = name;
        this.element = element;
        this.parent = parent;
        this.settings = settings;
        this.devices = new LinkedHashMap<>(devices);
    }
}
