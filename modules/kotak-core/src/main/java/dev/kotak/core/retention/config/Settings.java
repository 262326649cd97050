package dev.kotak.core.retention.config;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.retention.OnDelete;
import dev.kotak.core.retention.OnRetrieve;

/**
 * The values a policy (or a device) writes, each with where it was written and by which policy: what an
 * {@code extends} chain merges value by value, and what provenance and messages about inherited values read.
 */
final class Settings {

    /** A typed value name; {@link #name} is the name {@link EffectivePolicy#origin} knows it by. */
    static final class Key<T> {
        final String name;

        private Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Key<OnRetrieve> ON_RETRIEVE = new Key<>("onRetrieve");
    static final Key<OnDelete> ON_DELETE = new Key<>("onDelete");
    static final Key<Duration> UNRETRIEVED = new Key<>("expire.unretrieved");
    static final Key<Duration> RETRIEVED = new Key<>("expire.retrieved");
    static final Key<Duration> HIDDEN = new Key<>("expire.hidden");
    static final Key<Duration> MAX_AGE = new Key<>("expire.maxAge");
    static final Key<Duration> NEWER_THAN = new Key<>("view.newerThan");
    static final Key<Instant> SINCE = new Key<>("view.since");
    static final Key<Integer> MAX_MESSAGES = new Key<>("view.maxMessages");
    static final Key<Duration> LOGIN_DELAY = new Key<>("loginDelay");
    /** Empty for {@code NEVER}. */
    static final Key<OptionalLong> ADVERTISE_EXPIRE = new Key<>("advertise.expire");
    /** As written: {@code policy}, {@code reject} or a device name. */
    static final Key<String> UNKNOWN_DEVICES = new Key<>("devices.unknown");
    static final Key<Boolean> KEEP_UNTIL_ALL_RETRIEVED = new Key<>("devices.keepUntilAllRetrieved");

    /** One written value: what, where, and the policy whose element holds it. */
    static final class Setting<T> {
        final T value;
        final ConfigLocation location;
        final String policy;

        Setting(T value, ConfigLocation location, String policy) {
            this.value = Objects.requireNonNull(value, "value");
            this.location = Objects.requireNonNull(location, "location");
            this.policy = Objects.requireNonNull(policy, "policy");
        }
    }

    private final Map<Key<?>, Setting<?>> values = new LinkedHashMap<>();

    <T> void put(Key<T> key, T value, ConfigLocation location, String policy) {
        values.put(key, new Setting<>(value, location, policy));
    }

    @SuppressWarnings("unchecked")
    <T> Optional<Setting<T>> setting(Key<T> key) {
        return Optional.ofNullable((Setting<T>) values.get(key));
    }

    <T> Optional<T> get(Key<T> key) {
        return setting(key).map(setting -> setting.value);
    }

    boolean has(Key<?> key) {
        return values.containsKey(key);
    }

    /** A copy of these values overridden, value by value, by {@code overrides}. */
    Settings overriddenBy(Settings overrides) {
        Settings merged = new Settings();
        merged.values.putAll(values);
        merged.values.putAll(overrides.values);
        return merged;
    }

    /** Value name to the policy that wrote it, for {@link EffectivePolicy#origins()}. */
    Map<String, String> writers() {
        Map<String, String> writers = new LinkedHashMap<>();
        values.forEach((key, setting) -> writers.put(key.name, setting.policy));
        return writers;
    }
}
