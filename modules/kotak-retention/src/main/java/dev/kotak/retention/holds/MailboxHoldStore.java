package dev.kotak.retention.holds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;

import dev.kotak.core.retention.LegalHold;
import reactor.core.publisher.Mono;

/**
 * Holds set through WebAdmin, kept in the mail store itself (DESIGN principle 3) so that they follow backups and
 * every node of a cluster sees them: one message per hold in the mailbox {@code LegalHolds} of the system
 * account {@code kotak-system}, which no user can log in as (it is not in the users repository), so a held user
 * cannot lift a hold through IMAP. The body is a {@link Properties} text (it escapes whatever the reason holds).
 *
 * <p>Replacing a hold appends the new one before deleting the old one: a crash in between leaves two, and the
 * newest (highest UID) counts; it never leaves the user without a hold.
 */
@Singleton
public class MailboxHoldStore implements HoldStore {
    public static final Username SYSTEM_USER = Username.of("kotak-system");
    public static final String MAILBOX = "LegalHolds";

    private final MailboxManager mailboxManager;

    @Inject
    public MailboxHoldStore(@Named("mailboxmanager") MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    @Override
    public List<LegalHold> list() throws HoldStoreException {
        return new ArrayList<>(read().values().stream().map(Stored::hold).collect(java.util.stream.Collectors.toList()));
    }

    @Override
    public synchronized void put(LegalHold hold) throws HoldStoreException {
        try {
            Optional<Stored> previous = Optional.ofNullable(read().get(key(hold.user())));
            MailboxSession session = mailboxManager.createSystemSession(SYSTEM_USER);
            MessageManager mailbox = mailbox(session, true).orElseThrow();
            byte[] message = render(hold);
            try (InputStream content = new ByteArrayInputStream(message)) {
                mailbox.appendMessage(content, new Date(), session, false, new Flags());
            }
            if (previous.isPresent()) {
                mailbox.delete(previous.get().uids(), session);
            }
        } catch (MailboxException | IOException e) {
            throw new HoldStoreException("Unable to store the legal hold of " + hold.user(), e);
        }
    }

    @Override
    public synchronized boolean remove(String user) throws HoldStoreException {
        try {
            Stored stored = read().get(key(user));
            if (stored == null) {
                return false;
            }
            MailboxSession session = mailboxManager.createSystemSession(SYSTEM_USER);
            mailbox(session, false).orElseThrow().delete(stored.uids(), session);
            return true;
        } catch (MailboxException e) {
            throw new HoldStoreException("Unable to lift the legal hold of " + user, e);
        }
    }

    private Map<String, Stored> read() throws HoldStoreException {
        Map<String, Stored> holds = new LinkedHashMap<>();
        try {
            MailboxSession session = mailboxManager.createSystemSession(SYSTEM_USER);
            Optional<MessageManager> mailbox = mailbox(session, false);
            if (mailbox.isEmpty()) {
                return holds;
            }
            MessageResultIterator results = mailbox.get().getMessages(MessageRange.all(), FetchGroup.FULL_CONTENT, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                LegalHold hold = parse(result);
                // UID order: a later message for the same user replaces the earlier one, whose UID is kept for deletion.
                Stored previous = holds.get(key(hold.user()));
                List<MessageUid> uids = new ArrayList<>(previous == null ? List.of() : previous.uids());
                uids.add(result.getUid());
                holds.put(key(hold.user()), new Stored(hold, uids));
            }
            return holds;
        } catch (MailboxException | IOException e) {
            throw new HoldStoreException("Unable to read the legal holds", e);
        }
    }

    private Optional<MessageManager> mailbox(MailboxSession session, boolean create) throws MailboxException {
        MailboxPath path = MailboxPath.forUser(SYSTEM_USER, MAILBOX);
        boolean exists = Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(path, session)).block());
        if (!exists) {
            if (!create) {
                return Optional.empty();
            }
            mailboxManager.createMailbox(path, session);
        }
        return Optional.of(mailboxManager.getMailbox(path, session));
    }

    private static byte[] render(LegalHold hold) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("user", hold.user());
        properties.setProperty("reason", hold.reason());
        properties.setProperty("owner", hold.owner());
        hold.until().ifPresent(until -> properties.setProperty("until", until.toString()));
        StringWriter body = new StringWriter();
        properties.store(body, null);
        String message = "From: kotak-system\r\nSubject: Legal hold on " + hold.user().replaceAll("[\r\n]", " ")
            + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body.toString().replace("\n", "\r\n");
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private static LegalHold parse(MessageResult result) throws MailboxException, IOException {
        Properties properties = new Properties();
        try (InputStream body = result.getBody().getInputStream()) {
            properties.load(new StringReader(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return new LegalHold(properties.getProperty("user", ""), properties.getProperty("reason", ""),
            properties.getProperty("owner", ""),
            Optional.ofNullable(properties.getProperty("until")).map(Instant::parse), LegalHold.Source.WEBADMIN);
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    private static final class Stored {
        private final LegalHold hold;
        private final List<MessageUid> uids;

        Stored(LegalHold hold, List<MessageUid> uids) {
            this.hold = hold;
            this.uids = uids;
        }

        LegalHold hold() {
            return hold;
        }

        /** Every message of this user's hold (normally one; more after a crash during a replace). */
        List<MessageUid> uids() {
            return uids;
        }
    }
}
