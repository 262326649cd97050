package dev.kotak.core.retention;

import static dev.kotak.core.retention.CommitStep.Operation.EXPUNGE;
import static dev.kotak.core.retention.CommitStep.Operation.HIDE;
import static dev.kotak.core.retention.CommitStep.Operation.HIDE_FROM_DEVICE;
import static dev.kotak.core.retention.CommitStep.Operation.MARK_RETRIEVED;
import static dev.kotak.core.retention.CommitStep.Operation.MARK_SEEN;
import static dev.kotak.core.retention.CommitStep.Operation.MOVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommitPlanTest {
    private static final OnRetrieve KEEP = OnRetrieve.KEEP;
    private static final OnRetrieve SEEN = OnRetrieve.of(RetrieveAction.SEEN);
    private static final OnRetrieve DELETE = OnRetrieve.of(RetrieveAction.DELETE);
    private static final OnRetrieve ARCHIVE = OnRetrieve.moveTo("Archive");
    private static final OnDelete EXPUNGE_ON_DELETE = OnDelete.EXPUNGE;
    private static final OnDelete HIDE_ON_DELETE = OnDelete.of(DeleteAction.HIDE);
    private static final OnDelete HIDE_FROM_DEVICE_ON_DELETE = OnDelete.of(DeleteAction.HIDE_FROM_DEVICE);
    private static final OnDelete TRASH = OnDelete.moveTo("Trash");

    private static SessionRules rules(OnRetrieve onRetrieve, OnDelete onDelete) {
        return new SessionRules(Optional.empty(), onRetrieve, onDelete, AccessWindow.ALL);
    }

    private static SessionRules rules(String device, OnRetrieve onRetrieve, OnDelete onDelete) {
        return new SessionRules(Optional.of(device), onRetrieve, onDelete, AccessWindow.ALL);
    }

    private static CommitStep<String> step(String message, CommitStep.Operation operation, String rule) {
        return new CommitStep<>(message, operation, Optional.empty(), rule);
    }

    private static CommitStep<String> move(String message, String folder, String rule) {
        return new CommitStep<>(message, MOVE, Optional.of(folder), rule);
    }

    private static List<CommitStep<String>> plan(SessionRules rules, boolean held, List<String> deleted,
                                                 List<String> retrieved) {
        return CommitPlan.plan(rules, held, deleted, retrieved);
    }

    @Test
    void anEmptySessionChangesNothing() {
        assertThat(plan(rules(DELETE, EXPUNGE_ON_DELETE), false, List.of(), List.of())).isEmpty();
        assertThat(plan(rules(DELETE, EXPUNGE_ON_DELETE), true, List.of(), List.of())).isEmpty();
    }

    @Test
    void rfc1939AsWritten() {
        assertThat(plan(rules(KEEP, EXPUNGE_ON_DELETE), false, List.of("m2"), List.of("m1", "m2"))).containsExactly(
            step("m1", MARK_RETRIEVED, "onRetrieve=keep"),
            step("m2", MARK_RETRIEVED, "onRetrieve=keep"),
            step("m2", EXPUNGE, "onDelete=expunge"));
    }

    @Nested
    class Ordering {
        @Test
        void marksThenMovesThenExpunges() {
            assertThat(plan(rules(ARCHIVE, EXPUNGE_ON_DELETE), false, List.of("m3", "m2"), List.of("m1", "m2")))
                .containsExactly(
                    step("m1", MARK_RETRIEVED, "onRetrieve=move Archive"),
                    step("m2", MARK_RETRIEVED, "onRetrieve=move Archive"),
                    move("m1", "Archive", "onRetrieve=move Archive"),
                    move("m2", "Archive", "onRetrieve=move Archive"),
                    step("m3", EXPUNGE, "onDelete=expunge"));
        }

        @Test
        void expungesOfRetrievalsComeAfterTheHidesOfDeletions() {
            assertThat(plan(rules(DELETE, HIDE_ON_DELETE), false, List.of("m3"), List.of("m1", "m2")))
                .containsExactly(
                    step("m1", MARK_RETRIEVED, "onRetrieve=delete"),
                    step("m2", MARK_RETRIEVED, "onRetrieve=delete"),
                    step("m3", HIDE, "onDelete=hide"),
                    step("m1", EXPUNGE, "onRetrieve=delete"),
                    step("m2", EXPUNGE, "onRetrieve=delete"));
        }

        @Test
        void deletionMovesComeBeforeRetrievalExpunges() {
            assertThat(plan(rules(DELETE, TRASH), false, List.of("m2"), List.of("m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=delete"),
                move("m2", "Trash", "onDelete=move Trash"),
                step("m1", EXPUNGE, "onRetrieve=delete"));
        }

        @Test
        void seenMarksFollowTheirRetrievalMark() {
            assertThat(plan(rules(SEEN, TRASH), false, List.of("m1"), List.of("m1", "m2"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=seen"),
                step("m1", MARK_SEEN, "onRetrieve=seen"),
                step("m2", MARK_RETRIEVED, "onRetrieve=seen"),
                step("m2", MARK_SEEN, "onRetrieve=seen"),
                move("m1", "Trash", "onDelete=move Trash"));
        }
    }

    @Nested
    class RetrievalDisposalBeatsDele {
        @Test
        void moveOnRetrieve() {
            assertThat(plan(rules(ARCHIVE, EXPUNGE_ON_DELETE), false, List.of("m1"), List.of("m1")))
                .containsExactly(
                    step("m1", MARK_RETRIEVED, "onRetrieve=move Archive"),
                    move("m1", "Archive", "onRetrieve=move Archive"));
        }

        @Test
        void deleteOnRetrieve() {
            assertThat(plan(rules(DELETE, TRASH), false, List.of("m1"), List.of("m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=delete"),
                step("m1", EXPUNGE, "onRetrieve=delete"));
        }

        @Test
        void keepAndSeenLeaveTheDeleToOnDelete() {
            assertThat(plan(rules(KEEP, HIDE_ON_DELETE), false, List.of("m1"), List.of("m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=keep"),
                step("m1", HIDE, "onDelete=hide"));
            assertThat(plan(rules(SEEN, EXPUNGE_ON_DELETE), false, List.of("m1"), List.of("m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=seen"),
                step("m1", MARK_SEEN, "onRetrieve=seen"),
                step("m1", EXPUNGE, "onDelete=expunge"));
        }

        @Test
        void aDeleOfAMessageNotRetrievedGetsOnDelete() {
            assertThat(plan(rules(ARCHIVE, HIDE_ON_DELETE), false, List.of("m2"), List.of("m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=move Archive"),
                step("m2", HIDE, "onDelete=hide"),
                move("m1", "Archive", "onRetrieve=move Archive"));
        }
    }

    @Nested
    class OnDeleteActions {
        @Test
        void hide() {
            assertThat(plan(rules("phone", KEEP, HIDE_ON_DELETE), false, List.of("m1"), List.of()))
                .containsExactly(step("m1", HIDE, "onDelete=hide"));
        }

        @Test
        void hideFromDevice() {
            assertThat(plan(rules("phone", KEEP, HIDE_FROM_DEVICE_ON_DELETE), false, List.of("m1"), List.of()))
                .containsExactly(step("m1", HIDE_FROM_DEVICE, "onDelete=hide-from-device"));
        }

        @Test
        void hideFromDeviceWithoutADeviceHidesFromEveryView() {
            assertThat(plan(rules(KEEP, HIDE_FROM_DEVICE_ON_DELETE), false, List.of("m1"), List.of()))
                .containsExactly(step("m1", HIDE, "onDelete=hide-from-device"));
        }

        @Test
        void move() {
            assertThat(plan(rules(KEEP, TRASH), false, List.of("m1"), List.of()))
                .containsExactly(CommitPlanTest.move("m1", "Trash", "onDelete=move Trash"));
        }

        @Test
        void expunge() {
            assertThat(plan(rules(KEEP, EXPUNGE_ON_DELETE), false, List.of("m1"), List.of()))
                .containsExactly(step("m1", EXPUNGE, "onDelete=expunge"));
        }
    }

    @Nested
    class UnderALegalHold {
        @Test
        void aDeleExpungeBecomesAHide() {
            assertThat(plan(rules(KEEP, EXPUNGE_ON_DELETE), true, List.of("m1"), List.of("m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=keep"),
                step("m1", HIDE, "onDelete=expunge; legal hold"));
        }

        @Test
        void aDeleteOnRetrieveBecomesAHide() {
            assertThat(plan(rules("phone", DELETE, EXPUNGE_ON_DELETE), true, List.of("m2"), List.of("m1")))
                .containsExactly(
                    step("m1", MARK_RETRIEVED, "onRetrieve=delete"),
                    step("m1", HIDE, "onRetrieve=delete; legal hold"),
                    step("m2", HIDE, "onDelete=expunge; legal hold"));
        }

        @Test
        void movesAreKeptAsTheyLoseNothing() {
            assertThat(plan(rules(ARCHIVE, TRASH), true, List.of("m2"), List.of("m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=move Archive"),
                move("m1", "Archive", "onRetrieve=move Archive"),
                move("m2", "Trash", "onDelete=move Trash"));
        }

        @Test
        void hidesStayAsTheyAre() {
            assertThat(plan(rules("phone", KEEP, HIDE_FROM_DEVICE_ON_DELETE), true, List.of("m1"), List.of()))
                .containsExactly(step("m1", HIDE_FROM_DEVICE, "onDelete=hide-from-device"));
            assertThat(plan(rules(KEEP, HIDE_ON_DELETE), true, List.of("m1"), List.of()))
                .containsExactly(step("m1", HIDE, "onDelete=hide"));
        }

        @Test
        void nothingIsExpunged() {
            for (OnRetrieve onRetrieve : List.of(KEEP, SEEN, DELETE, ARCHIVE)) {
                for (OnDelete onDelete : List.of(EXPUNGE_ON_DELETE, HIDE_ON_DELETE, HIDE_FROM_DEVICE_ON_DELETE,
                    TRASH)) {
                    assertThat(plan(rules(onRetrieve, onDelete), true, List.of("m1", "m2"), List.of("m2", "m3")))
                        .extracting(CommitStep::operation).doesNotContain(EXPUNGE);
                }
            }
        }
    }

    @Nested
    class RepeatedRetrievals {
        // RFC 1939 lets a client RETR the same message twice in one session; the plan must still act once.

        @Test
        void aMessageRetrievedTwiceIsMovedOnce() {
            assertThat(plan(rules(ARCHIVE, EXPUNGE_ON_DELETE), false, List.of(), List.of("m1", "m2", "m1")))
                .containsExactly(
                    step("m1", MARK_RETRIEVED, "onRetrieve=move Archive"),
                    step("m2", MARK_RETRIEVED, "onRetrieve=move Archive"),
                    move("m1", "Archive", "onRetrieve=move Archive"),
                    move("m2", "Archive", "onRetrieve=move Archive"));
        }

        @Test
        void aMessageRetrievedTwiceIsExpungedOnce() {
            assertThat(plan(rules(DELETE, EXPUNGE_ON_DELETE), false, List.of("m1"), List.of("m1", "m1")))
                .containsExactly(
                    step("m1", MARK_RETRIEVED, "onRetrieve=delete"),
                    step("m1", EXPUNGE, "onRetrieve=delete"));
        }

        @Test
        void aMessageRetrievedTwiceThenDeletedIsDisposedOfOnce() {
            assertThat(plan(rules(SEEN, TRASH), false, List.of("m1"), List.of("m1", "m1"))).containsExactly(
                step("m1", MARK_RETRIEVED, "onRetrieve=seen"),
                step("m1", MARK_SEEN, "onRetrieve=seen"),
                move("m1", "Trash", "onDelete=move Trash"));
        }
    }

    @Test
    void aMessageListedTwiceAsDeletedIsDisposedOfOnce() {
        assertThat(plan(rules(KEEP, EXPUNGE_ON_DELETE), false, List.of("m1", "m1"), List.of())).containsExactly(
            step("m1", EXPUNGE, "onDelete=expunge"));
    }

    @Test
    void stepsNameTheirFolderInToString() {
        assertThat(move("m1", "Archive", "onRetrieve=move Archive").toString())
            .isEqualTo("MOVE Archive m1 (onRetrieve=move Archive)");
        assertThat(step("m1", HIDE, "onDelete=expunge; legal hold").toString())
            .isEqualTo("HIDE m1 (onDelete=expunge; legal hold)");
    }
}
