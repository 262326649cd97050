package dev.kotak.retention.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.Test;

class PendingMarksTest {
    private static final String RETRIEVED = RetentionKeywords.RETRIEVED + "1764000000";
    private static final Flags.Flag[] SYSTEM_FLAGS = {Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT,
        Flags.Flag.FLAGGED, Flags.Flag.RECENT, Flags.Flag.SEEN};

    @Test
    void aFirstDownloadIsOneShortLine() {
        Flags seenAndRetrieved = new Flags(Flags.Flag.SEEN);
        seenAndRetrieved.add(RETRIEVED);
        Map<Flags, List<MessageUid>> byFlags = new LinkedHashMap<>();
        byFlags.put(seenAndRetrieved, uids(1, 520));
        byFlags.put(new Flags(Flags.Flag.SEEN), List.of(MessageUid.of(600), MessageUid.of(602)));

        String text = PendingMarks.of(byFlags).encode();

        assertThat(text).isEqualTo("kotak-marks 1\n\\Seen " + RETRIEVED + "\t1-520\n\\Seen\t600,602");
    }

    @Test
    void whatIsEncodedDecodesToTheSameMarks() {
        Random random = new Random(20_261_124L);
        for (int round = 0; round < 500; round++) {
            Map<Flags, List<MessageUid>> byFlags = new LinkedHashMap<>();
            int sets = 1 + random.nextInt(4);
            for (int s = 0; s < sets; s++) {
                Flags flags = new Flags();
                if (random.nextBoolean()) {
                    flags.add(SYSTEM_FLAGS[random.nextInt(SYSTEM_FLAGS.length)]);
                }
                flags.add(RetentionKeywords.RETRIEVED_BY + "device-" + s);
                List<MessageUid> uids = new ArrayList<>();
                long uid = 1 + random.nextInt(5);
                for (int i = random.nextInt(40); i >= 0; i--) {
                    uids.add(MessageUid.of(uid));
                    uid += 1 + (random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0);
                }
                byFlags.put(flags, uids);
            }
            PendingMarks marks = PendingMarks.of(byFlags);

            assertThat(PendingMarks.decode(marks.encode())).as(marks.encode()).isEqualTo(marks);
            marks.marks().forEach((flags, ranges) -> assertThat(uidsOf(ranges)).isEqualTo(byFlags.get(flags)));
        }
    }

    @Test
    void flagsWithoutMessagesOrMessagesWithoutFlagsAreLeftOut() {
        Map<Flags, List<MessageUid>> byFlags = new LinkedHashMap<>();
        byFlags.put(new Flags(), uids(1, 3));
        byFlags.put(new Flags(Flags.Flag.SEEN), List.of());

        assertThat(PendingMarks.of(byFlags).isEmpty()).isTrue();
    }

    @Test
    void textKotakDidNotWriteIsRefusedWithTheReason() {
        assertThatThrownBy(() -> PendingMarks.decode("not marks"))
            .hasMessage("expected the first line 'kotak-marks 1', found 'not marks'");
        assertThatThrownBy(() -> PendingMarks.decode("kotak-marks 1\n\\Seen 1-2"))
            .hasMessage("line 2: expected flags, a tab and UID ranges");
        assertThatThrownBy(() -> PendingMarks.decode("kotak-marks 1\n\\Unknown\t1"))
            .hasMessage("line 2: unknown system flag \\Unknown");
        assertThatThrownBy(() -> PendingMarks.decode("kotak-marks 1\n\\Seen\t5-2"))
            .hasMessage("line 2: expected a UID or UID range, found '5-2'");
        assertThatThrownBy(() -> PendingMarks.decode("kotak-marks 1\n\\Seen\t0"))
            .hasMessage("line 2: expected a UID or UID range, found '0'");
        assertThatThrownBy(() -> PendingMarks.decode("kotak-marks 2\n\\Seen\t1"))
            .hasMessageContaining("found 'kotak-marks 2'");
    }

    private static List<MessageUid> uids(long from, long to) {
        List<MessageUid> uids = new ArrayList<>();
        for (long uid = from; uid <= to; uid++) {
            uids.add(MessageUid.of(uid));
        }
        return uids;
    }

    private static List<MessageUid> uidsOf(List<MessageRange> ranges) {
        List<MessageUid> uids = new ArrayList<>();
        ranges.forEach(range -> range.forEach(uids::add));
        return uids;
    }
}
