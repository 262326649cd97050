package dev.kotak.pop3.maildrop;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

import dev.kotak.pop3.settings.UidlFormat;

/**
 * A user's INBOX as one POP3 session sees it: at login the policy admits the session ({@link #admit()}), the
 * listing is taken once ({@link #open()}) through the {@link MaildropPolicy}, and the server is only changed by
 * {@link #commit(List)} at QUIT.
 *
 * <p>Implements James's POP3 {@link Mailbox} so that James's session ({@code getUserMailbox()}) and any
 * third-party handler still work; there the uid strings are the UIDLs.
 */
public class Maildrop implements Mailbox {
    private final MailboxManager mailboxManager;
    // Set again once by deviceNamed(), before admit() and open(); volatile because a session's commands may run
    // on different threads (one at a time).
    private volatile MaildropContext context;
    private final MaildropPolicy policy;
    private final UidlFormat uidlFormat;
    private final Set<MaildropMessage> retrieved = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<MessageUid, Optional<String>> messageIds = new ConcurrentHashMap<>();
    private String uidValidity;
    private List<MaildropMessage> messages;
    private Map<String, MaildropMessage> byUidl;

    public Maildrop(MailboxManager mailboxManager, MaildropContext context, MaildropPolicy policy,
                    UidlFormat uidlFormat) {
        this.mailboxManager = mailboxManager;
        this.context = context;
        this.policy = policy;
        this.uidlFormat = uidlFormat;
    }

    /**
     * The device the login named ({@code user#device}). James's {@code PassCmdHandler} makes this object through
     * {@link KotakMailboxAdapterFactory} without the POP3 session, so the login handler, which parsed the name,
     * hands the device over here; call before {@link #admit()}.
     */
    public void deviceNamed(Optional<String> device) {
        context = context.withDevice(device);
    }

    /** Asks the policy whether this session may log in; call after the password check, before {@link #open()}. */
    public Optional<LoginRefusal> admit() throws MailboxException {
        MailboxSession session = context.mailboxSession();
        mailboxManager.startProcessingRequest(session);
        try {
            return Objects.requireNonNull(policy.admit(context), "MaildropPolicy.admit returned null");
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Takes the session's listing; call once, right after login. */
    public void open() throws IOException {
        MessageManager inbox = context.inbox();
        MailboxSession session = context.mailboxSession();
        try {
            mailboxManager.startProcessingRequest(session);
            policy.beforeListing(context);
            long validity = inbox.getMailboxEntity().getUidValidity().asLong();
            List<MaildropMessage> all = new ArrayList<>();
            MessageResultIterator results = inbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                long uid = result.getUid().asLong();
                all.add(new MaildropMessage(result.getUid(), result.getSize(), uidlFormat.format(uid, validity),
                    result.getFlags(), result.getInternalDate().toInstant()));
            }
            List<MaildropMessage> visible = List.copyOf(policy.view(context, Collections.unmodifiableList(all)));
            Map<String, MaildropMessage> index = new HashMap<>(visible.size() * 2);
            for (MaildropMessage message : visible) {
                index.put(message.uidl(), message);
            }
            this.uidValidity = Long.toString(validity);
            this.messages = visible;
            this.byUidl = index;
        } catch (MailboxException e) {
            throw new IOException("Unable to list INBOX of " + context.user().asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** The login listing: message number {@code n} is {@code listing().get(n - 1)}. */
    public List<MaildropMessage> listing() {
        return messages;
    }

    public MaildropContext context() {
        return context;
    }

    /**
     * The content of a listed message, as stored. Its Message-ID is noted on the way to the client, for
     * {@link MaildropUpdate#messageIds()}.
     */
    public InputStream content(MaildropMessage message) throws IOException {
        MailboxSession session = context.mailboxSession();
        try {
            mailboxManager.startProcessingRequest(session);
            MessageResultIterator results = context.inbox().getMessages(message.uid().toRange(),
                FetchGroup.FULL_CONTENT, session);
            if (!results.hasNext()) {
                throw new MessageGoneException(message.uidl());
            }
            InputStream content = results.next().getFullContent().getInputStream();
            return new MessageIdSniffer(content, id -> messageIds.put(message.uid(), id));
        } catch (MailboxException e) {
            throw new IOException("Unable to read message " + message.uidl(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** The client got the whole message; remembered for {@link #commit(List)}. */
    public void retrieved(MaildropMessage message) {
        if (retrieved.add(message)) {
            policy.onRetrieve(context, message);
        }
    }

    /** UPDATE state: hands the session's changes to the policy. */
    public void commit(List<MaildropMessage> deleted) throws MailboxException {
        List<MaildropMessage> downloaded;
        synchronized (retrieved) {
            downloaded = new ArrayList<>(retrieved);
        }
        MailboxSession session = context.mailboxSession();
        mailboxManager.startProcessingRequest(session);
        try {
            policy.commit(context, new MaildropUpdate(deleted, downloaded, Map.copyOf(messageIds)));
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    public List<String> capabilities() {
        return policy.capabilities(context);
    }

    // James's POP3 Mailbox view, for code outside Kotak that reads the session.

    @Override
    public InputStream getMessage(String uid) throws IOException {
        MaildropMessage message = byUidl.get(uid);
        if (message == null) {
            throw new MessageGoneException(uid);
        }
        return content(message);
    }

    @Override
    public List<MessageMetaData> getMessages() {
        return messages.stream().map(message -> new MessageMetaData(message.uidl(), message.size()))
            .collect(Collectors.toList());
    }

    /** Expunges at once, bypassing the policy: only for code outside Kotak that calls James's API. */
    @Override
    public void remove(String... uids) throws IOException {
        List<MessageUid> toDelete = new ArrayList<>();
        for (String uid : uids) {
            MaildropMessage message = byUidl.get(uid);
            if (message != null) {
                toDelete.add(message.uid());
            }
        }
        if (toDelete.isEmpty()) {
            return;
        }
        MailboxSession session = context.mailboxSession();
        try {
            mailboxManager.startProcessingRequest(session);
            context.inbox().delete(toDelete, session);
        } catch (MailboxException e) {
            throw new IOException("Unable to remove messages", e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** INBOX's UIDVALIDITY, as James's adapter answers (cached: James logs it with every command). */
    @Override
    public String getIdentifier() {
        return uidValidity == null ? "" : uidValidity;
    }

    @Override
    public void close() {
        // Each read above brackets itself; this releases what the login path (James's PassCmdHandler opening
        // INBOX on this session) acquired outside them. A second end for the same session is a no-op.
        mailboxManager.endProcessingRequest(context.mailboxSession());
    }
}
