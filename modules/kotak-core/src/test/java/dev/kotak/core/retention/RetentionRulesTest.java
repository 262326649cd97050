package dev.kotak.core.retention;

import static dev.kotak.core.retention.Fixtures.T0;
import static dev.kotak.core.retention.Fixtures.arrived;
import static dev.kotak.core.retention.Fixtures.at;
import static dev.kotak.core.retention.Fixtures.days;
import static dev.kotak.core.retention.Fixtures.device;
import static dev.kotak.core.retention.Fixtures.hidden;
import static dev.kotak.core.retention.Fixtures.hold;
import static dev.kotak.core.retention.Fixtures.hours;
import static dev.kotak.core.retention.Fixtures.lifetimes;
import static dev.kotak.core.retention.Fixtures.none;
import static dev.kotak.core.retention.Fixtures.retrieved;
import static dev.kotak.core.retention.Fixtures.seconds;
import static dev.kotak.core.retention.Fixtures.some;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {

    private static Policy policy(Lifetimes lifetimes) {
        return Policy.builder("p").lifetimes(lifetimes).build();
    }

    private static Decision decide(Policy policy, MessageState state, Instant now) {
        return RetentionRules.decide(policy, state, now, Optional.empty());
    }

    private static void assertKeep(Decision decision, String rule, Instant removableAt) {
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.KEEP);
        assertThat(decision.expunges()).isFalse();
        assertThat(decision.rule()).contains(rule);
        assertThat(decision.removableAt()).contains(removableAt);
        assertThat(decision.heldBy()).isEmpty();
    }

    private static void assertExpunge(Decision decision, String rule, Instant removableAt) {
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.EXPUNGE);
        assertThat(decision.expunges()).isTrue();
        assertThat(decision.rule()).contains(rule);
        assertThat(decision.removableAt()).contains(removableAt);
        assertThat(decision.heldBy()).isEmpty();
    }

    private static void assertKeptForever(Decision decision) {
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.KEEP);
        assertThat(decision.rule()).isEmpty();
        assertThat(decision.removableAt()).isEmpty();
        assertThat(decision.heldBy()).isEmpty();
    }

    @Test
    void withoutLifetimesNothingIsEverRemoved() {
        assertKeptForever(decide(Policy.RFC1939, arrived(T0), at(days(100_000))));
        assertKeptForever(decide(Policy.RFC1939, hidden(retrieved(T0, at(hours(1)), "phone"), at(hours(2))),
            at(days(100_000))));
    }

    @Nested
    class Unretrieved {
        private final Policy policy = policy(lifetimes(some(days(60)), none(), none(), none()));

        @Test
        void countsFromArrival() {
            MessageState message = arrived(at(days(1)));
            assertKeep(decide(policy, message, at(days(1))), Decision.UNRETRIEVED, at(days(61)));
            assertKeep(decide(policy, message, at(days(61)).minusNanos(1)), Decision.UNRETRIEVED, at(days(61)));
            assertExpunge(decide(policy, message, at(days(61))), Decision.UNRETRIEVED, at(days(61)));
            assertExpunge(decide(policy, message, at(days(400))), Decision.UNRETRIEVED, at(days(61)));
        }

        @Test
        void stopsApplyingOnceRetrieved() {
            assertKeptForever(decide(policy, retrieved(T0, at(days(59))), at(days(61))));
        }

        @Test
        void stillAppliesToAMessageHiddenBeforeAnyRetrieval() {
            assertExpunge(decide(policy, hidden(arrived(T0), at(days(3))), at(days(60))), Decision.UNRETRIEVED,
                at(days(60)));
        }

        @Test
        void zeroRemovesOnArrival() {
            Policy zero = policy(lifetimes(some(Duration.ZERO), none(), none(), none()));
            assertExpunge(decide(zero, arrived(T0), T0), Decision.UNRETRIEVED, T0);
        }
    }

    @Nested
    class Retrieved {
        private final Policy policy = policy(lifetimes(none(), some(days(7)), none(), none()));

        @Test
        void countsFromTheFirstRetrievalNotFromArrival() {
            MessageState message = retrieved(T0, at(days(10)), "phone");
            assertKeep(decide(policy, message, at(days(16))), Decision.RETRIEVED, at(days(17)));
            assertExpunge(decide(policy, message, at(days(17))), Decision.RETRIEVED, at(days(17)));
        }

        @Test
        void doesNotApplyToUnretrievedMail() {
            assertKeptForever(decide(policy, arrived(T0), at(days(365))));
        }

        @Test
        void aRetrievalWithoutDeviceCounts() {
            assertExpunge(decide(policy, retrieved(T0, at(days(1))), at(days(8))), Decision.RETRIEVED, at(days(8)));
        }

        @Test
        void rfc1939SectionEightExample() {
            Policy rfc = policy(lifetimes(some(days(60)), some(days(7)), none(), none()));
            assertKeep(decide(rfc, arrived(T0), at(days(30))), Decision.UNRETRIEVED, at(days(60)));
            assertKeep(decide(rfc, retrieved(T0, at(days(30))), at(days(36))), Decision.RETRIEVED, at(days(37)));
            assertExpunge(decide(rfc, retrieved(T0, at(days(30))), at(days(37))), Decision.RETRIEVED,
                at(days(37)));
        }
    }

    @Nested
    class Hidden {
        private final Policy policy = policy(lifetimes(none(), none(), some(days(2)), none()));

        @Test
        void countsFromTheHide() {
            MessageState message = hidden(retrieved(T0, at(days(5)), "phone"), at(days(20)));
            assertKeep(decide(policy, message, at(days(21))), Decision.HIDDEN, at(days(22)));
            assertExpunge(decide(policy, message, at(days(22))), Decision.HIDDEN, at(days(22)));
        }

        @Test
        void doesNotApplyToVisibleMail() {
            assertKeptForever(decide(policy, retrieved(T0, at(days(1)), "phone"), at(days(365))));
        }

        @Test
        void aHideFromOneDeviceIsNotAHide() {
            MessageState hiddenFromPhone = new MessageState(T0, Optional.of(at(days(1))), Set.of("phone"),
                Optional.empty(), Set.of("phone"));
            assertKeptForever(decide(policy, hiddenFromPhone, at(days(365))));
        }

        @Test
        void appliesToUnretrievedMailToo() {
            assertExpunge(decide(policy, hidden(arrived(T0), at(days(1))), at(days(3))), Decision.HIDDEN,
                at(days(3)));
        }
    }

    @Nested
    class MaxAge {
        private final Policy policy = policy(lifetimes(none(), none(), none(), some(days(90))));

        @Test
        void countsFromArrivalWhateverPop3Did() {
            assertKeep(decide(policy, arrived(T0), at(days(89))), Decision.MAX_AGE, at(days(90)));
            assertExpunge(decide(policy, arrived(T0), at(days(90))), Decision.MAX_AGE, at(days(90)));
            assertExpunge(decide(policy, retrieved(T0, at(days(89)), "phone"), at(days(90))), Decision.MAX_AGE,
                at(days(90)));
            assertExpunge(decide(policy, hidden(arrived(T0), at(days(89))), at(days(90))), Decision.MAX_AGE,
                at(days(90)));
        }
    }

    @Nested
    class EarliestRuleWins {
        @Test
        void maxAgeBeforeUnretrieved() {
            Policy policy = policy(lifetimes(some(days(60)), none(), none(), some(days(30))));
            assertKeep(decide(policy, arrived(T0), at(days(1))), Decision.MAX_AGE, at(days(30)));
        }

        @Test
        void retrievedBeforeMaxAge() {
            Policy policy = policy(lifetimes(some(days(60)), some(days(7)), none(), some(days(90))));
            assertKeep(decide(policy, retrieved(T0, at(days(1))), at(days(2))), Decision.RETRIEVED, at(days(8)));
        }

        @Test
        void maxAgeBeforeALateRetrievalExpires() {
            Policy policy = policy(lifetimes(none(), some(days(7)), none(), some(days(90))));
            assertKeep(decide(policy, retrieved(T0, at(days(88))), at(days(88))), Decision.MAX_AGE, at(days(90)));
        }

        @Test
        void hiddenBeforeRetrieved() {
            Policy policy = policy(lifetimes(none(), some(days(7)), some(hours(1)), none()));
            MessageState message = hidden(retrieved(T0, at(days(1)), "phone"), at(days(1)));
            assertExpunge(decide(policy, message, at(days(1)).plus(hours(1))), Decision.HIDDEN,
                at(days(1)).plus(hours(1)));
        }

        @Test
        void theNextRuleIsReportedWhileKeeping() {
            Policy policy = policy(lifetimes(some(days(60)), some(days(7)), some(days(2)), some(days(90))));
            MessageState message = hidden(retrieved(T0, at(days(10))), at(days(16)));
            assertKeep(decide(policy, message, at(days(16))), Decision.RETRIEVED, at(days(17)));
        }
    }

    @Nested
    class Ties {
        @Test
        void retrievedBeatsMaxAge() {
            Policy policy = policy(lifetimes(none(), some(days(7)), none(), some(days(10))));
            assertExpunge(decide(policy, retrieved(T0, at(days(3))), at(days(10))), Decision.RETRIEVED,
                at(days(10)));
        }

        @Test
        void unretrievedBeatsHiddenAndMaxAge() {
            Policy policy = policy(lifetimes(some(days(10)), none(), some(days(5)), some(days(10))));
            assertKeep(decide(policy, hidden(arrived(T0), at(days(5))), T0), Decision.UNRETRIEVED, at(days(10)));
        }

        @Test
        void hiddenBeatsMaxAge() {
            Policy policy = policy(lifetimes(none(), none(), some(days(5)), some(days(10))));
            assertKeep(decide(policy, hidden(arrived(T0), at(days(5))), T0), Decision.HIDDEN, at(days(10)));
        }

        @Test
        void retrievedBeatsAllDevices() {
            Policy policy = Policy.builder("p").lifetimes(lifetimes(none(), some(Duration.ZERO), none(), none()))
                .device(device("phone")).keepUntilAllDevicesRetrieved(true).build();
            assertExpunge(decide(policy, retrieved(T0, at(days(1)), "phone"), at(days(1))), Decision.RETRIEVED,
                at(days(1)));
        }
    }

    @Nested
    class KeepUntilAllDevicesRetrieved {
        private final Policy policy = Policy.builder("p").device(device("Phone")).device(device("laptop"))
            .keepUntilAllDevicesRetrieved(true).build();

        @Test
        void keepsWhatSomeDevicesHaveNotRetrieved() {
            assertKeptForever(decide(policy, arrived(T0), at(days(365))));
            assertKeptForever(decide(policy, retrieved(T0, at(days(1)), "phone"), at(days(365))));
            assertKeptForever(decide(policy, retrieved(T0, at(days(1)), "laptop", "tablet"), at(days(365))));
        }

        @Test
        void aRetrievalWithoutDeviceDoesNotCount() {
            assertKeptForever(decide(policy, retrieved(T0, at(days(1))), at(days(365))));
        }

        @Test
        void removesOnceEveryRegisteredDeviceRetrieved() {
            MessageState message = retrieved(T0, at(days(1)), "phone", "laptop");
            // The first retrieval is the earliest the last one can have been (the state does not record it).
            assertExpunge(decide(policy, message, at(days(2))), Decision.ALL_DEVICES, at(days(1)));
        }

        @Test
        void unregisteredDevicesAreIgnored() {
            MessageState message = retrieved(T0, at(days(1)), "phone", "laptop", "kiosk");
            assertExpunge(decide(policy, message, at(days(2))), Decision.ALL_DEVICES, at(days(1)));
        }

        @Test
        void offWhenThePolicyDoesNotAskForIt() {
            Policy off = policy.toBuilder("off").keepUntilAllDevicesRetrieved(false).build();
            assertKeptForever(decide(off, retrieved(T0, at(days(1)), "phone", "laptop"), at(days(365))));
        }

        @Test
        void anEarlierLifetimeStillWins() {
            Policy withMaxAge = policy.toBuilder("m").lifetimes(lifetimes(none(), none(), none(), some(days(1))))
                .build();
            assertExpunge(decide(withMaxAge, retrieved(T0, at(days(3)), "phone", "laptop"), at(days(3))),
                Decision.MAX_AGE, at(days(1)));
        }
    }

    @Nested
    class LegalHolds {
        private final Policy policy = policy(lifetimes(some(days(30)), none(), none(), none()));

        @Test
        void anOpenEndedHoldKeepsWhatARuleWouldRemove() {
            LegalHold hold = hold(Optional.empty());
            Decision decision = RetentionRules.decide(policy, arrived(T0), at(days(31)), Optional.of(hold));
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.KEEP);
            assertThat(decision.expunges()).isFalse();
            assertThat(decision.rule()).contains(Decision.UNRETRIEVED);
            assertThat(decision.removableAt()).contains(at(days(30)));
            assertThat(decision.heldBy()).contains(hold);
        }

        @Test
        void aHoldActiveAtNowKeeps() {
            LegalHold hold = hold(Optional.of(at(days(40))));
            Decision decision = RetentionRules.decide(policy, arrived(T0), at(days(40)).minusNanos(1),
                Optional.of(hold));
            assertThat(decision.expunges()).isFalse();
            assertThat(decision.heldBy()).contains(hold);
        }

        @Test
        void aHoldThatEndedNoLongerKeeps() {
            LegalHold hold = hold(Optional.of(at(days(40))));
            assertExpunge(RetentionRules.decide(policy, arrived(T0), at(days(40)), Optional.of(hold)),
                Decision.UNRETRIEVED, at(days(30)));
            assertExpunge(RetentionRules.decide(policy, arrived(T0), at(days(41)), Optional.of(hold)),
                Decision.UNRETRIEVED, at(days(30)));
        }

        @Test
        void aHoldThatEndedBeforeTheRuleAllowsRemovalDoesNotMatter() {
            LegalHold hold = hold(Optional.of(at(days(10))));
            assertExpunge(RetentionRules.decide(policy, arrived(T0), at(days(30)), Optional.of(hold)),
                Decision.UNRETRIEVED, at(days(30)));
        }

        @Test
        void aHoldIsNotReportedWhenNoRuleIsDueYet() {
            LegalHold hold = hold(Optional.empty());
            assertKeep(RetentionRules.decide(policy, arrived(T0), at(days(29)), Optional.of(hold)),
                Decision.UNRETRIEVED, at(days(30)));
            assertKeptForever(RetentionRules.decide(Policy.RFC1939, arrived(T0), at(days(29)), Optional.of(hold)));
        }
    }

    @Test
    void decisionsAreDeterministic() {
        Policy policy = policy(lifetimes(some(days(60)), some(days(7)), some(days(1)), some(days(90))));
        MessageState message = hidden(retrieved(T0, at(seconds(12_345)), "phone"), at(days(3)));
        for (Instant now : new Instant[] {T0, at(days(4)), at(days(8)), at(days(1000))}) {
            MessageState copy = new MessageState(message.arrival(), message.firstRetrieved(),
                Set.copyOf(message.retrievedBy()), message.hiddenSince(), message.hiddenFrom());
            assertThat(decide(policy, copy, now)).isEqualTo(decide(policy, message, now));
        }
    }

    @Test
    void aLifetimeBeyondTheEndOfTimeNeverRemoves() {
        // Durations accepts up to Long.MAX_VALUE seconds ("9223372036854775807s"); Instant ends long before.
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        Policy policy = policy(lifetimes(some(forever), some(forever), some(forever), some(forever)));
        assertKeptForever(decide(policy, arrived(T0), at(days(1))));
        assertKeptForever(decide(policy, hidden(retrieved(T0, at(days(1)), "phone"), at(days(2))), at(days(3))));
        Policy withShortHide = policy(lifetimes(some(forever), none(), some(days(1)), some(forever)));
        assertExpunge(decide(withShortHide, hidden(arrived(T0), at(days(2))), at(days(3))), Decision.HIDDEN,
            at(days(3)));
    }
}
