package dev.kotak.pop3.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.exception.BadCredentialsException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProtocolConfiguration;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3SessionImpl;

import reactor.core.publisher.Mono;

/**
 * A mailbox backend made of Mockito stubs (one user, other credentials refused, an INBOX of two messages, UIDs 1
 * and 2) that a test makes fail where it wants with {@code MailboxException}, and a real James
 * {@link POP3Session} (real state and attachments) on a stub transport from 127.0.0.1.
 */
public final class StubBackend {
    public static final Username USER = Username.of("alice@example.org");
    public static final String PASSWORD = "s3cret";

    public final MailboxManager mailboxManager = mock(MailboxManager.class);
    public final MailboxSession mailboxSession = mock(MailboxSession.class);
    public final MessageManager inbox = mock(MessageManager.class);
    public final MetricFactory metrics = mock(MetricFactory.class);

    public StubBackend() throws Exception {
        when(mailboxSession.getUser()).thenReturn(USER);
        when(mailboxSession.getSessionId()).thenReturn(MailboxSession.SessionId.of(1));
        SessionProvider.AuthorizationStep refused = mock(SessionProvider.AuthorizationStep.class);
        when(refused.withoutDelegation()).thenThrow(new BadCredentialsException());
        when(mailboxManager.authenticate(any(), any())).thenReturn(refused);
        SessionProvider.AuthorizationStep step = mock(SessionProvider.AuthorizationStep.class);
        when(step.withoutDelegation()).thenReturn(mailboxSession);
        when(mailboxManager.authenticate(eq(USER), eq(PASSWORD))).thenReturn(step);
        when(mailboxManager.mailboxExists(any(), any())).thenAnswer(invocation -> Mono.just(true));
        when(mailboxManager.getMailbox(any(MailboxPath.class), any())).thenReturn(inbox);
        MailboxId id = mock(MailboxId.class);
        when(id.serialize()).thenReturn("1");
        when(inbox.getId()).thenReturn(id);
        when(inbox.getMailboxPath()).thenReturn(MailboxPath.inbox(USER));
        Mailbox entity = mock(Mailbox.class);
        when(entity.getUidValidity()).thenReturn(UidValidity.of(7));
        when(inbox.getMailboxEntity()).thenReturn(entity);
        when(inbox.getMessages(eq(MessageRange.all()), eq(FetchGroup.MINIMAL), any()))
            .thenAnswer(invocation -> results(List.of(result(1, 100), result(2, 200))));
        when(metrics.decorateSupplierWithTimerMetric(anyString(), any()))
            .thenAnswer(invocation -> ((Supplier<?>) invocation.getArgument(1)).get());
    }

    /** A new connection from 127.0.0.1, in the AUTHORIZATION state. */
    public POP3Session connection(String id) {
        ProtocolTransport transport = mock(ProtocolTransport.class);
        when(transport.getId()).thenReturn(id);
        when(transport.getRemoteAddress()).thenReturn(new InetSocketAddress("127.0.0.1", 50000));
        when(transport.getLocalAddress()).thenReturn(new InetSocketAddress("127.0.0.1", 110));
        POP3Session session = new POP3SessionImpl(transport, mock(ProtocolConfiguration.class));
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        return session;
    }

    /** The command line {@code command argument} through the handler's public entry point, as James calls it. */
    public static Response run(CommandHandler<POP3Session> handler, POP3Session session, String command,
                               String argument) {
        return handler.onCommand(session, new BaseRequest(command, argument));
    }

    /** A reply as the client reads it. */
    public static String text(Response response) {
        return String.join("\n", response.getLines());
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
}
