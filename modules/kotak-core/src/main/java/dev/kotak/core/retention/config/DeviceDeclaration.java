package dev.kotak.core.retention.config;

import org.w3c.dom.Element;

/** A {@code <device>} as written: its own values only ({@code onRetrieve}, {@code onDelete}, {@code view.*}). */
final class DeviceDeclaration {
    final String name;
    final Element element;
    /** The policy whose {@code <devices>} declares it. */
    final String policy;
    final Settings settings;
    /** True when it has a {@code <view>}: its window is then the policy's, overridden attribute by attribute. */
    final boolean hasView;

    DeviceDeclaration(String name, Element element, String policy, Settings settings, boolean hasView) {
        this.name = name;
        this.element = element;
        this.policy = policy;
        this.settings = settings;
        this.hasView = hasView;
    }
}
