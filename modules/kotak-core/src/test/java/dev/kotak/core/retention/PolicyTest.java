package dev.kotak.core.retention;

import static dev.kotak.core.retention.Fixtures.days;
import static dev.kotak.core.retention.Fixtures.device;
import static dev.kotak.core.retention.Fixtures.retrievedAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTest {
    private static final OnRetrieve SEEN = OnRetrieve.of(RetrieveAction.SEEN);
    private static final OnDelete HIDE = OnDelete.of(DeleteAction.HIDE);
    private static final OnDelete HIDE_FROM_DEVICE = OnDelete.of(DeleteAction.HIDE_FROM_DEVICE);
    private static final AccessWindow WEEK = new AccessWindow(Optional.of(days(7)), Optional.empty(),
        OptionalInt.empty());
    private static final AccessWindow FROM_NOW_ON = new AccessWindow(Optional.empty(),
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")), OptionalInt.of(250));

    /** Phone hides its DELEs from itself and sees a week; the laptop only changes what retrieval does. */
    private static Policy.Builder family() {
        return Policy.builder("family").onRetrieve(SEEN).onDelete(HIDE).view(FROM_NOW_ON)
            .device(new DeviceRule("Phone", Optional.empty(), Optional.of(HIDE_FROM_DEVICE), Optional.of(WEEK)))
            .device(new DeviceRule("laptop", Optional.of(OnRetrieve.moveTo("Archive")), Optional.empty(),
                Optional.empty()));
    }

    private static void assertRules(Optional<SessionRules> rules, Optional<String> device, OnRetrieve onRetrieve,
                                    OnDelete onDelete, AccessWindow view) {
        assertThat(rules).isPresent();
        assertThat(rules.get().device()).isEqualTo(device);
        assertThat(rules.get().onRetrieve()).isEqualTo(onRetrieve);
        assertThat(rules.get().onDelete()).isEqualTo(onDelete);
        assertThat(rules.get().view()).isEqualTo(view);
    }

    @Test
    void rfc1939IsTheDefault() {
        Policy policy = Policy.RFC1939;
        assertThat(policy.name()).isEqualTo("rfc1939").isEqualTo(Policy.RFC1939_NAME);
        assertThat(policy.onRetrieve()).isEqualTo(OnRetrieve.KEEP);
        assertThat(policy.onDelete()).isEqualTo(OnDelete.EXPUNGE);
        assertThat(policy.lifetimes()).isEqualTo(Lifetimes.NONE);
        assertThat(policy.view()).isEqualTo(AccessWindow.ALL);
        assertThat(policy.loginDelay()).isEqualTo(Duration.ZERO);
        assertThat(policy.devices()).isEmpty();
        assertThat(policy.unknownDevices()).isEqualTo(UnknownDevices.POLICY);
        assertThat(policy.keepUntilAllDevicesRetrieved()).isFalse();
        assertThat(policy.advertisedExpireDays()).isEmpty();
        assertThat(Policy.builder("rfc1939").build()).isEqualTo(policy).hasSameHashCodeAs(policy);
    }

    @Nested
    class Sessions {
        @Test
        void withoutADeviceThePolicyApplies() {
            assertRules(family().build().session(Optional.empty()), Optional.empty(), SEEN, HIDE, FROM_NOW_ON);
        }

        @Test
        void aRegisteredDeviceOverridesWhatItSets() {
            Policy policy = family().build();
            assertRules(policy.session(Optional.of("phone")), Optional.of("phone"), SEEN, HIDE_FROM_DEVICE, WEEK);
            assertRules(policy.session(Optional.of("laptop")), Optional.of("laptop"), OnRetrieve.moveTo("Archive"),
                HIDE, FROM_NOW_ON);
        }

        @Test
        void deviceNamesIgnoreCase() {
            Policy policy = family().build();
            assertRules(policy.session(Optional.of("PHONE")), Optional.of("phone"), SEEN, HIDE_FROM_DEVICE, WEEK);
            assertRules(policy.session(Optional.of("LapTop")), Optional.of("laptop"), OnRetrieve.moveTo("Archive"),
                HIDE, FROM_NOW_ON);
            assertThat(policy.devices()).containsOnlyKeys("phone", "laptop");
            assertThat(policy.devices().keySet()).containsExactly("phone", "laptop");
            assertThat(policy.devices().get("phone").name()).isEqualTo("Phone");
        }

        @Test
        void anUnknownDeviceFollowsThePolicyByDefault() {
            Policy policy = family().build();
            assertRules(policy.session(Optional.of("Tablet")), Optional.of("tablet"), SEEN, HIDE, FROM_NOW_ON);
        }

        @Test
        void anUnknownDeviceCanBeRejected() {
            Policy policy = family().unknownDevices(UnknownDevices.REJECT).build();
            assertThat(policy.session(Optional.of("tablet"))).isEmpty();
            assertRules(policy.session(Optional.of("Phone")), Optional.of("phone"), SEEN, HIDE_FROM_DEVICE, WEEK);
            assertRules(policy.session(Optional.empty()), Optional.empty(), SEEN, HIDE, FROM_NOW_ON);
        }

        @Test
        void anUnknownDeviceCanFollowARegisteredOneUnderItsOwnName() {
            Policy policy = family().unknownDevices(UnknownDevices.as("PHONE")).build();
            assertRules(policy.session(Optional.of("Tablet")), Optional.of("tablet"), SEEN, HIDE_FROM_DEVICE, WEEK);
            assertRules(policy.session(Optional.of("laptop")), Optional.of("laptop"), OnRetrieve.moveTo("Archive"),
                HIDE, FROM_NOW_ON);
            assertRules(policy.session(Optional.empty()), Optional.empty(), SEEN, HIDE, FROM_NOW_ON);
        }
    }

    @Nested
    class Builder {
        @Test
        void unknownDevicesMustFollowARegisteredDevice() {
            Policy.Builder builder = family().unknownDevices(UnknownDevices.as("tablet"));
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tablet").hasMessageContaining("family");
        }

        @Test
        void keepingUntilEveryDeviceRetrievedNeedsDevices() {
            Policy.Builder builder = Policy.builder("lonely").keepUntilAllDevicesRetrieved(true);
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lonely").hasMessageContaining("no device");
        }

        @Test
        void negativeLoginDelay() {
            assertThatThrownBy(() -> Policy.builder("p").loginDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
            assertThat(Policy.builder("p").loginDelay(Duration.ofMinutes(5)).build().loginDelay())
                .isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void nullsAreRefused() {
            assertThatThrownBy(() -> Policy.builder(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Policy.builder("p").onRetrieve(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Policy.builder("p").onDelete(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Policy.builder("p").lifetimes(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Policy.builder("p").view(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Policy.builder("p").unknownDevices(null))
                .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Policy.builder("p").advertisedExpireDays(null))
                .isInstanceOf(NullPointerException.class);
        }

        @Test
        void aDeviceWithTheSameNameReplacesTheEarlierOne() {
            Policy policy = family().device(device("PHONE")).build();
            assertThat(policy.devices()).hasSize(2);
            assertThat(policy.devices().get("phone")).isEqualTo(device("PHONE"));
            assertRules(policy.session(Optional.of("phone")), Optional.of("phone"), SEEN, HIDE, FROM_NOW_ON);
        }

        @Test
        void toBuilderCopiesEverythingButTheName() {
            Policy policy = family().lifetimes(retrievedAfter(days(14))).loginDelay(Duration.ofMinutes(15))
                .unknownDevices(UnknownDevices.as("phone")).keepUntilAllDevicesRetrieved(true)
                .advertisedExpireDays(OptionalLong.of(0)).build();
            Policy copy = policy.toBuilder("copy").build();
            assertThat(copy.name()).isEqualTo("copy");
            assertThat(copy).isNotEqualTo(policy);
            assertThat(copy.toBuilder("family").build()).isEqualTo(policy).hasSameHashCodeAs(policy);
        }

        @Test
        void devicesCannotBeChangedFromOutside() {
            Policy policy = family().build();
            assertThatThrownBy(() -> policy.devices().put("x", device("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Devices {
        @ParameterizedTest
        @ValueSource(strings = {"", "-phone", "_phone", "my phone", "phone#2", "téléphone",
            "a23456789012345678901234567890123"})
        void invalidNames(String name) {
            assertThat(DeviceRule.isValidName(name)).isFalse();
            assertThatThrownBy(() -> device(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid device name");
        }

        @ParameterizedTest
        @ValueSource(strings = {"p", "Phone", "k9-mail", "work_laptop", "0", "a2345678901234567890123456789012"})
        void validNames(String name) {
            assertThat(DeviceRule.isValidName(name)).isTrue();
            assertThat(device(name).name()).isEqualTo(name);
        }

        @Test
        void nullName() {
            assertThat(DeviceRule.isValidName(null)).isFalse();
            assertThatThrownBy(() -> device(null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void namesAreNormalizedToLowerCase() {
            assertThat(DeviceRule.normalize("K9-Mail")).isEqualTo("k9-mail");
            assertThat(UnknownDevices.as("Phone").device()).contains("phone");
            assertThat(UnknownDevices.as("Phone").configValue()).isEqualTo("phone");
            assertThat(UnknownDevices.POLICY.configValue()).isEqualTo("policy");
            assertThat(UnknownDevices.REJECT.configValue()).isEqualTo("reject");
        }
    }

    @Nested
    class Actions {
        @Test
        void moveNeedsAFolderAndNothingElseTakesOne() {
            assertThatThrownBy(() -> OnRetrieve.of(RetrieveAction.MOVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a folder");
            assertThatThrownBy(() -> OnDelete.of(DeleteAction.MOVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a folder");
            assertThat(OnRetrieve.moveTo("Archive").folder()).contains("Archive");
            assertThat(OnDelete.moveTo("Trash").toString()).isEqualTo("move Trash");
        }

        @Test
        void configNames() {
            assertThat(DeleteAction.HIDE_FROM_DEVICE.configName()).isEqualTo("hide-from-device");
            assertThat(DeleteAction.fromConfigName("hide-from-device")).contains(DeleteAction.HIDE_FROM_DEVICE);
            assertThat(DeleteAction.fromConfigName("HIDE")).isEmpty();
            assertThat(RetrieveAction.fromConfigName("seen")).contains(RetrieveAction.SEEN);
            assertThat(RetrieveAction.fromConfigName("archive")).isEmpty();
            for (DeleteAction action : DeleteAction.values()) {
                assertThat(DeleteAction.fromConfigName(action.configName())).contains(action);
            }
            for (RetrieveAction action : RetrieveAction.values()) {
                assertThat(RetrieveAction.fromConfigName(action.configName())).contains(action);
            }
        }

        @Test
        void onlyMoveAndDeleteRemoveFromTheMaildrop() {
            assertThat(OnRetrieve.KEEP.removesFromMaildrop()).isFalse();
            assertThat(OnRetrieve.of(RetrieveAction.SEEN).removesFromMaildrop()).isFalse();
            assertThat(OnRetrieve.of(RetrieveAction.DELETE).removesFromMaildrop()).isTrue();
            assertThat(OnRetrieve.moveTo("Archive").removesFromMaildrop()).isTrue();
        }
    }

    @Nested
    class MessageStates {
        @Test
        void visibility() {
            MessageState fresh = MessageState.arrived(Fixtures.T0);
            assertThat(fresh.isRetrieved()).isFalse();
            assertThat(fresh.visibleTo(Optional.empty())).isTrue();
            assertThat(fresh.visibleTo(Optional.of("phone"))).isTrue();
            MessageState hiddenFromPhone = new MessageState(Fixtures.T0, Optional.empty(),
                java.util.Set.of(), Optional.empty(), java.util.Set.of("phone"));
            assertThat(hiddenFromPhone.visibleTo(Optional.of("phone"))).isFalse();
            assertThat(hiddenFromPhone.visibleTo(Optional.of("laptop"))).isTrue();
            assertThat(hiddenFromPhone.visibleTo(Optional.empty())).isTrue();
            MessageState hidden = Fixtures.hidden(fresh, Fixtures.T0);
            assertThat(hidden.visibleTo(Optional.empty())).isFalse();
            assertThat(hidden.visibleTo(Optional.of("laptop"))).isFalse();
        }
    }
}
