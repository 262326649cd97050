package dev.kotak.retention.pop3;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.retention.state.MarksJournal;

/**
 * Settles journals on two daemon threads. When 1,000 settles already wait, the committing session settles its
 * own before answering, so a burst of QUITs slows down instead of piling up work. A settle that fails leaves the
 * journal for the next reader (the user's next POP3 login, a sweep, a restore): the marks are late, not lost. On a
 * server stop, waiting settles are left the same way.
 */
@Singleton
public class BackgroundMarksApplier implements MarksApplier {
    private static final Logger LOGGER = LoggerFactory.getLogger(BackgroundMarksApplier.class);

    private final MailboxManager mailboxManager;
    private final MarksJournal journal;
    private final ThreadPoolExecutor executor;

    @Inject
    public BackgroundMarksApplier(@Named("mailboxmanager") MailboxManager mailboxManager, MarksJournal journal) {
        this.mailboxManager = mailboxManager;
        this.journal = journal;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
            runnable -> {
                Thread thread = new Thread(runnable, "kotak-retention-marks-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Override
    public void settleSoon(Username user) {
        executor.execute(() -> settle(user));
    }

    private void settle(Username user) {
        MailboxSession session = mailboxManager.createSystemSession(user);
        mailboxManager.startProcessingRequest(session);
        try {
            journal.settle(mailboxManager.getMailbox(MailboxPath.inbox(user), session), session);
        } catch (MailboxNotFoundException e) {
            LOGGER.debug("INBOX of {} is gone; its journal went with it", user.asString());
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Unable to add the marks journaled for {}; the next POP3 login or sweep adds them",
                user.asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }
}
