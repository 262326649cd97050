package dev.kotak.retention.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.junit.jupiter.api.Test;

/** What the journal refuses before any I/O; what it stores is tested on a real server (integration.MarksJournalTest). */
class MarksJournalTest {
    // No mailbox manager, INBOX or session: a refusal must not need them.
    private final MarksJournal journal = new MarksJournal(null, null);

    @Test
    void marksLongerThanOneEntryAreLeftToTheCaller() throws Exception {
        List<MessageUid> scattered = new ArrayList<>();
        for (long uid = 1; uid <= 200; uid += 2) {
            scattered.add(MessageUid.of(uid));
        }
        PendingMarks marks = PendingMarks.of(Map.of(new Flags(Flags.Flag.SEEN), scattered));
        assertThat(marks.encode().length()).isGreaterThan(MarksJournal.MAX_ENTRY_LENGTH);

        assertThat(journal.write(null, null, marks)).isFalse();
    }

    @Test
    void noMarksWriteNoEntry() throws Exception {
        assertThat(journal.write(null, null, PendingMarks.of(Map.of()))).isFalse();
    }
}
