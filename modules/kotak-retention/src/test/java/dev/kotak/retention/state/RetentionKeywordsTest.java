package dev.kotak.retention.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.mail.Flags;

import org.junit.jupiter.api.Test;

import dev.kotak.core.retention.MessageState;

class RetentionKeywordsTest {
    private static final Instant ARRIVAL = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-03T10:00:00Z");

    @Test
    void aMessageWithoutKeywordsIsUntouched() {
        Flags flags = new Flags(Flags.Flag.SEEN);
        flags.add("$Forwarded");
        assertThat(RetentionKeywords.read(flags, ARRIVAL)).isEqualTo(MessageState.arrived(ARRIVAL));
    }

    @Test
    void theKeywordsARetrievalWritesReadBackAsThatRetrieval() {
        Flags flags = RetentionKeywords.retrieval(MessageState.arrived(ARRIVAL), T1, Optional.of("phone"));
        MessageState state = RetentionKeywords.read(flags, ARRIVAL);
        assertThat(state.firstRetrieved()).contains(T1);
        assertThat(state.retrievedBy()).containsExactly("phone");
    }

    @Test
    void aLaterRetrievalKeepsTheFirstDateAndAddsOnlyTheNewDevice() {
        Flags flags = RetentionKeywords.retrieval(MessageState.arrived(ARRIVAL), T1, Optional.of("phone"));
        Flags second = RetentionKeywords.retrieval(RetentionKeywords.read(flags, ARRIVAL), T2, Optional.of("laptop"));
        assertThat(second.getUserFlags()).containsExactly("$KotakRetrievedBy.laptop");
        flags.add(second);
        MessageState state = RetentionKeywords.read(flags, ARRIVAL);
        assertThat(state.firstRetrieved()).contains(T1);
        assertThat(state.retrievedBy()).containsExactlyInAnyOrder("phone", "laptop");
    }

    @Test
    void twoFirstRetrievalMarksFromConcurrentSessionsCountTheEarliest() {
        Flags flags = new Flags(RetentionKeywords.RETRIEVED + T2.getEpochSecond());
        flags.add(RetentionKeywords.RETRIEVED + T1.getEpochSecond());
        assertThat(RetentionKeywords.read(flags, ARRIVAL).firstRetrieved()).contains(T1);
    }

    @Test
    void hidesReadBackAndTheirCaseDoesNotMatter() {
        Flags flags = RetentionKeywords.hide(T1);
        flags.add(RetentionKeywords.hideFrom("phone"));
        flags.add("$kotakhiddenfrom.TABLET");
        MessageState state = RetentionKeywords.read(flags, ARRIVAL);
        assertThat(state.hiddenSince()).contains(T1);
        assertThat(state.hiddenFrom()).containsExactlyInAnyOrder("phone", "tablet");
        assertThat(state.visibleTo(Optional.empty())).isFalse();
    }

    @Test
    void aLookAlikeKeywordTypedByHandRecordsNothing() {
        Flags flags = new Flags("$KotakRetrieved.yesterday");
        flags.add("$KotakHidden.");
        MessageState state = RetentionKeywords.read(flags, ARRIVAL);
        assertThat(state.firstRetrieved()).isEmpty();
        assertThat(state.hiddenSince()).isEmpty();
    }

    /**
     * The login's shortcut ({@link RetentionKeywords#visibleTo}) answers as the full state does, over every set of up
     * to three keywords drawn from ours, look-alikes and others, in any case, for no device and for two devices.
     */
    @Test
    void theLoginsVisibilityCheckAgreesWithTheFullStateOnEveryKeywordMix() {
        List<String> pool = List.of("$KotakRetrieved." + T1.getEpochSecond(), "$KotakRetrievedBy.phone",
            "$KotakHidden." + T1.getEpochSecond(), "$kotakhidden." + T2.getEpochSecond(), "$KotakHidden.yesterday",
            "$KotakHidden.", "$KotakHiddenFrom.phone", "$KOTAKHIDDENFROM.PHONE", "$KotakHiddenFrom.laptop",
            "$KotakHiddenFrom.", "$KotakHiddenFromphone", "$Forwarded", "KotakHidden.1");
        List<Optional<String>> devices = List.of(Optional.empty(), Optional.of("phone"), Optional.of("tablet"));
        int checked = 0;
        for (int a = 0; a < pool.size(); a++) {
            for (int b = a; b < pool.size(); b++) {
                for (int c = b; c < pool.size(); c++) {
                    Flags flags = new Flags(pool.get(a));
                    flags.add(pool.get(b));
                    flags.add(pool.get(c));
                    for (Optional<String> device : devices) {
                        assertThat(RetentionKeywords.visibleTo(flags.getUserFlags(), device))
                            .as("%s seen from %s", List.of(flags.getUserFlags()), device)
                            .isEqualTo(RetentionKeywords.read(flags, ARRIVAL).visibleTo(device));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(455 * 3);
        assertThat(RetentionKeywords.visibleTo(new String[] {"$KotakHiddenFrom.Phone"}, Optional.of("phone")))
            .as("a device's hide, in another case").isFalse();
        assertThat(RetentionKeywords.visibleTo(new String[] {"$KotakHidden.yesterday"}, Optional.empty()))
            .as("a look-alike hide").isTrue();
    }

    @Test
    void aRestoreRemovesEveryHideOrOnlyOneDevicesHide() {
        Flags flags = RetentionKeywords.hide(T1);
        flags.add(RetentionKeywords.hideFrom("phone"));
        flags.add(RetentionKeywords.hideFrom("laptop"));
        flags.add(RetentionKeywords.RETRIEVED + T1.getEpochSecond());
        assertThat(RetentionKeywords.hideKeywords(flags, Optional.empty()).getUserFlags())
            .containsExactlyInAnyOrder("$KotakHidden." + T1.getEpochSecond(), "$KotakHiddenFrom.phone",
                "$KotakHiddenFrom.laptop");
        assertThat(RetentionKeywords.hideKeywords(flags, Optional.of("phone")).getUserFlags())
            .containsExactly("$KotakHiddenFrom.phone");
    }
}
