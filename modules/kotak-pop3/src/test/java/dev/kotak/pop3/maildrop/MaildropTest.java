package dev.kotak.pop3.maildrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.UidValidity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kotak.pop3.settings.UidlFormat;

class MaildropTest {
    private final MailboxManager mailboxManager = mock(MailboxManager.class);
    private final MessageManager inbox = mock(MessageManager.class);
    private final MailboxSession mailboxSession = mock(MailboxSession.class);
    private final MaildropContext context =
        new MaildropContext(Username.of("alice@example.org"), mailboxManager, inbox, mailboxSession);

    @BeforeEach
    void inboxWithThreeMessages() throws Exception {
        Mailbox entity = mock(Mailbox.class);
        when(entity.getUidValidity()).thenReturn(UidValidity.of(0x5F3C1B2AL));
        when(inbox.getMailboxEntity()).thenReturn(entity);
        when(inbox.getMessages(eq(MessageRange.all()), eq(FetchGroup.MINIMAL), eq(mailboxSession)))
            .thenAnswer(invocation -> results(List.of(result(10, 100), result(11, 200), result(42, 300))));
    }

    @Test
    void theListingCarriesUidlsInTheConfiguredFormat() throws Exception {
        Maildrop maildrop = new Maildrop(mailboxManager, context, new Rfc1939MaildropPolicy(), UidlFormat.UID_UIDVALIDITY);
        maildrop.open();

        assertThat(maildrop.listing()).extracting(MaildropMessage::uidl)
            .containsExactly("0000000A5F3C1B2A", "0000000B5F3C1B2A", "0000002A5F3C1B2A");
        assertThat(maildrop.listing()).extracting(MaildropMessage::size).containsExactly(100L, 200L, 300L);
        assertThat(maildrop.getIdentifier()).isEqualTo(Long.toString(0x5F3C1B2AL));
    }

    @Test
    void theDefaultPolicyExpungesOnlyTheDeletedMessagesAtCommit() throws Exception {
        Maildrop maildrop = new Maildrop(mailboxManager, context, new Rfc1939MaildropPolicy(), UidlFormat.UID);
        maildrop.open();

        maildrop.commit(List.of(maildrop.listing().get(1)));

        verify(inbox).delete(List.of(MessageUid.of(11)), mailboxSession);
    }

    @Test
    void nothingDeletedNothingExpunged() throws Exception {
        Maildrop maildrop = new Maildrop(mailboxManager, context, new Rfc1939MaildropPolicy(), UidlFormat.UID);
        maildrop.open();

        maildrop.commit(List.of());

        verify(inbox, never()).delete(any(), any());
    }

    @Test
    void aPolicySeesRetrievalsAndCommitsAndShapesTheView() throws Exception {
        RecordingPolicy policy = new RecordingPolicy();
        Maildrop maildrop = new Maildrop(mailboxManager, context, policy, UidlFormat.UID);
        maildrop.open();

        assertThat(maildrop.listing()).extracting(MaildropMessage::uidl).containsExactly("10", "42");
        maildrop.retrieved(maildrop.listing().get(1));
        maildrop.retrieved(maildrop.listing().get(1));
        assertThat(policy.retrieved).containsExactly("42");
        assertThat(policy.commits).isEmpty();

        maildrop.commit(List.of(maildrop.listing().get(0)));

        assertThat(policy.commits).containsExactly("deleted=[10] retrieved=[42]");
        verify(inbox, never()).delete(any(), any());
    }

    @Test
    void theDeviceNamedAtLoginReachesAdmissionAndEveryLaterCall() throws Exception {
        RecordingPolicy policy = new RecordingPolicy();
        Maildrop maildrop = new Maildrop(mailboxManager, context, policy, UidlFormat.UID);
        assertThat(maildrop.context().device()).isEmpty();

        maildrop.deviceNamed(Optional.of("phone"));
        assertThat(maildrop.admit()).isEmpty();
        maildrop.open();
        maildrop.retrieved(maildrop.listing().get(0));
        maildrop.commit(List.of());

        assertThat(policy.devices).containsExactly("admit phone", "view phone", "onRetrieve phone", "commit phone");
        assertThat(maildrop.context().user()).isEqualTo(Username.of("alice@example.org"));
        verify(mailboxManager, times(3)).startProcessingRequest(mailboxSession);
    }

    @Test
    void aMessageExpungedSinceLoginIsReportedAsGone() throws Exception {
        when(inbox.getMessages(eq(MessageUid.of(11).toRange()), eq(FetchGroup.FULL_CONTENT), eq(mailboxSession)))
            .thenAnswer(invocation -> results(List.of()));
        Maildrop maildrop = new Maildrop(mailboxManager, context, new Rfc1939MaildropPolicy(), UidlFormat.UID);
        maildrop.open();

        assertThatThrownBy(() -> maildrop.content(maildrop.listing().get(1))).isInstanceOf(MessageGoneException.class);
    }

    private static MessageResult result(long uid, long size) {
        MessageResult result = mock(MessageResult.class);
        when(result.getUid()).thenReturn(MessageUid.of(uid));
        when(result.getSize()).thenReturn(size);
        when(result.getFlags()).thenReturn(new javax.mail.Flags());
        when(result.getInternalDate()).thenReturn(new java.util.Date(0));
        return result;
    }

    private static MessageResultIterator results(List<MessageResult> results) {
        Iterator<MessageResult> iterator = new ArrayList<>(results).iterator();
        MessageResultIterator wrapped = mock(MessageResultIterator.class);
        when(wrapped.hasNext()).thenAnswer(invocation -> iterator.hasNext());
        when(wrapped.next()).thenAnswer(invocation -> iterator.next());
        return wrapped;
    }

    /** Hides message 11, records retrievals and commits, deletes nothing. */
    private static final class RecordingPolicy implements MaildropPolicy {
        final List<String> retrieved = new ArrayList<>();
        final List<String> commits = new ArrayList<>();
        final List<String> devices = new ArrayList<>();

        @Override
        public Optional<LoginRefusal> admit(MaildropContext context) {
            devices.add("admit " + context.device().orElse("-"));
            return Optional.empty();
        }

        @Override
        public List<MaildropMessage> view(MaildropContext context, List<MaildropMessage> inbox) {
            devices.add("view " + context.device().orElse("-"));
            return inbox.stream().filter(message -> message.uid().asLong() != 11).collect(Collectors.toList());
        }

        @Override
        public void onRetrieve(MaildropContext context, MaildropMessage message) {
            devices.add("onRetrieve " + context.device().orElse("-"));
            retrieved.add(message.uidl());
        }

        @Override
        public void commit(MaildropContext context, MaildropUpdate update) {
            devices.add("commit " + context.device().orElse("-"));
            commits.add("deleted=" + uidls(update.deleted()) + " retrieved=" + uidls(update.retrieved()));
        }

        private static List<String> uidls(List<MaildropMessage> messages) {
            return messages.stream().map(MaildropMessage::uidl).collect(Collectors.toList());
        }
    }
}
