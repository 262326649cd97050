package dev.kotak.core.retention;

import static dev.kotak.core.retention.Fixtures.days;
import static dev.kotak.core.retention.Fixtures.device;
import static dev.kotak.core.retention.Fixtures.hours;
import static dev.kotak.core.retention.Fixtures.lifetimes;
import static dev.kotak.core.retention.Fixtures.none;
import static dev.kotak.core.retention.Fixtures.retrievedAfter;
import static dev.kotak.core.retention.Fixtures.seconds;
import static dev.kotak.core.retention.Fixtures.some;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExpireCapabilityTest {

    private static Policy.Builder policy(String name) {
        return Policy.builder(name);
    }

    private static Policy keepingRetrieved(String name, Duration retrieved) {
        return policy(name).lifetimes(retrievedAfter(retrieved)).build();
    }

    private static Policy advertising(Policy policy, long days) {
        return policy.toBuilder(policy.name()).advertisedExpireDays(OptionalLong.of(days)).build();
    }

    @Nested
    class Never {
        @Test
        void rfc1939NeverDeletesAnything() {
            assertThat(ExpireCapability.guaranteedDays(Policy.RFC1939)).isEmpty();
            assertThat(ExpireCapability.advertisedDays(Policy.RFC1939)).isEmpty();
            assertThat(ExpireCapability.afterLogin(Policy.RFC1939)).isEqualTo("EXPIRE NEVER");
        }

        @Test
        void lifetimesOfUnretrievedOrHiddenMailDoNotTouchRetrievedMail() {
            Policy policy = policy("p").lifetimes(lifetimes(some(days(1)), none(), some(hours(1)), none())).build();
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE NEVER");
        }

        @Test
        void keepAndSeenOnRetrieveKeepTheMessage() {
            Policy policy = policy("p").onRetrieve(OnRetrieve.of(RetrieveAction.SEEN))
                .device(device("phone", OnRetrieve.KEEP)).build();
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE NEVER");
        }

        @Test
        void onDeleteDoesNotCountAsTheClientAskedForIt() {
            Policy policy = policy("p").onDelete(OnDelete.EXPUNGE).build();
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE NEVER");
        }
    }

    @Nested
    class Days {
        @Test
        void wholeDaysOfTheRetrievedLifetime() {
            assertThat(ExpireCapability.afterLogin(keepingRetrieved("p", days(14)))).isEqualTo("EXPIRE 14");
            assertThat(ExpireCapability.guaranteedDays(keepingRetrieved("p", days(14)))).hasValue(14);
        }

        @Test
        void partialDaysAreRoundedDown() {
            assertThat(ExpireCapability.afterLogin(keepingRetrieved("p", days(14).plus(hours(23)).plusSeconds(3599))))
                .isEqualTo("EXPIRE 14");
            assertThat(ExpireCapability.afterLogin(keepingRetrieved("p", days(1).minusSeconds(1))))
                .isEqualTo("EXPIRE 0");
            assertThat(ExpireCapability.afterLogin(keepingRetrieved("p", seconds(30)))).isEqualTo("EXPIRE 0");
        }

        @Test
        void theUnretrievedLifetimeDoesNotLowerIt() {
            Policy policy = policy("p").lifetimes(lifetimes(some(days(1)), some(days(7)), some(hours(1)), none()))
                .build();
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE 7");
        }
    }

    @Nested
    class Zero {
        @Test
        void zeroRetrievedLifetime() {
            assertThat(ExpireCapability.afterLogin(keepingRetrieved("p", Duration.ZERO))).isEqualTo("EXPIRE 0");
        }

        @Test
        void deleteOrMoveOnRetrieve() {
            assertThat(ExpireCapability.afterLogin(policy("p").onRetrieve(OnRetrieve.of(RetrieveAction.DELETE))
                .build())).isEqualTo("EXPIRE 0");
            assertThat(ExpireCapability.afterLogin(policy("p").onRetrieve(OnRetrieve.moveTo("Archive"))
                .lifetimes(retrievedAfter(days(30))).build())).isEqualTo("EXPIRE 0");
        }

        @Test
        void oneDeviceDeletingOnRetrieve() {
            Policy policy = policy("p").lifetimes(retrievedAfter(days(30))).device(device("laptop"))
                .device(device("phone", OnRetrieve.of(RetrieveAction.DELETE))).build();
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE 0");
        }

        @Test
        void keepUntilEveryDeviceRetrieved() {
            Policy policy = policy("p").device(device("phone")).keepUntilAllDevicesRetrieved(true).build();
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE 0");
        }

        @Test
        void anyMaximumAge() {
            Policy policy = policy("p").lifetimes(lifetimes(none(), some(days(7)), none(), some(days(3650)))).build();
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE 0");
        }
    }

    @Nested
    class AdvertisedOverride {
        @Test
        void aLowerValueIsShownInstead() {
            Policy policy = advertising(keepingRetrieved("p", days(30)), 7);
            assertThat(ExpireCapability.advertisedDays(policy)).hasValue(7);
            assertThat(ExpireCapability.guaranteedDays(policy)).hasValue(30);
            assertThat(ExpireCapability.afterLogin(policy)).isEqualTo("EXPIRE 7");
        }

        @Test
        void theGuaranteeItselfAndZeroAreAccepted() {
            assertThat(ExpireCapability.afterLogin(advertising(keepingRetrieved("p", days(30)), 30)))
                .isEqualTo("EXPIRE 30");
            assertThat(ExpireCapability.afterLogin(advertising(keepingRetrieved("p", days(30)), 0)))
                .isEqualTo("EXPIRE 0");
        }

        @Test
        void anyValueBelowNever() {
            assertThat(ExpireCapability.afterLogin(advertising(Policy.RFC1939.toBuilder("p").build(), 365)))
                .isEqualTo("EXPIRE 365");
        }

        @Test
        void aValueAboveWhatThePolicyDoesIsRefused() {
            // Before the fix the policy built and CAPA said EXPIRE 30 while expire.retrieved removed mail after 7d.
            Policy.Builder builder = policy("weekly").lifetimes(retrievedAfter(days(7)))
                .advertisedExpireDays(OptionalLong.of(30));
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weekly").hasMessageContaining("30").hasMessageContaining("7");
        }

        @Test
        void aValueAboveZeroIsRefusedWhenRetrievalDeletes() {
            Policy.Builder builder = policy("p").onRetrieve(OnRetrieve.of(RetrieveAction.DELETE))
                .advertisedExpireDays(OptionalLong.of(1));
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aNegativeValueIsRefused() {
            Policy.Builder builder = policy("p").advertisedExpireDays(OptionalLong.of(-1));
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        }
    }

    @Nested
    class BeforeLogin {
        private final Policy never = Policy.RFC1939;
        private final Policy fortnight = keepingRetrieved("fortnight", days(14));
        private final Policy month = keepingRetrieved("month", days(30));
        private final Policy zero = policy("zero").onRetrieve(OnRetrieve.of(RetrieveAction.DELETE)).build();

        @Test
        void oneValueForEveryoneHasNoUserTag() {
            assertThat(ExpireCapability.beforeLogin(List.of(month))).isEqualTo("EXPIRE 30");
            assertThat(ExpireCapability.beforeLogin(List.of(never))).isEqualTo("EXPIRE NEVER");
            assertThat(ExpireCapability.beforeLogin(List.of(month, keepingRetrieved("other", days(30)))))
                .isEqualTo("EXPIRE 30");
            assertThat(ExpireCapability.beforeLogin(List.of(never, Policy.RFC1939.toBuilder("copy").build())))
                .isEqualTo("EXPIRE NEVER");
        }

        @Test
        void theMinimumWithTheUserTagWhenValuesDiffer() {
            assertThat(ExpireCapability.beforeLogin(List.of(month, fortnight))).isEqualTo("EXPIRE 14 USER");
            assertThat(ExpireCapability.beforeLogin(List.of(fortnight, month, never))).isEqualTo("EXPIRE 14 USER");
            assertThat(ExpireCapability.beforeLogin(List.of(never, zero))).isEqualTo("EXPIRE 0 USER");
        }

        @Test
        void neverIsAboveEveryNumber() {
            assertThat(ExpireCapability.beforeLogin(List.of(never, month))).isEqualTo("EXPIRE 30 USER");
            assertThat(ExpireCapability.beforeLogin(List.of(advertising(keepingRetrieved("p", days(100_000)),
                99_999), never))).isEqualTo("EXPIRE 99999 USER");
        }

        @Test
        void advertisedValuesAreCompared() {
            assertThat(ExpireCapability.beforeLogin(List.of(advertising(month, 14), fortnight)))
                .isEqualTo("EXPIRE 14");
            assertThat(ExpireCapability.beforeLogin(List.of(advertising(month, 10), fortnight)))
                .isEqualTo("EXPIRE 10 USER");
        }
    }
}
