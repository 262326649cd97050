package dev.kotak.server.search;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the Lucene index every second.
 *
 * <p>James 3.8.1's {@link LuceneMessageSearchIndex} commits only when it is closed at a graceful stop; searches
 * see uncommitted documents, so nothing looks wrong until the process dies: after a {@code kill -9} every
 * message indexed since the start is missing from IMAP SEARCH. Committing often bounds that loss to about a
 * second, and {@code dev.kotak.server.recovery.CrashRecovery} re-indexes after an unclean stop to close the
 * rest. A commit with nothing pending is a no-op for Lucene, so an idle server does no I/O.
 */
public class SearchIndexCommitter implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SearchIndexCommitter.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final KotakLuceneMessageSearchIndex index;
    private final ScheduledExecutorService executor;

    @Inject
    SearchIndexCommitter(KotakLuceneMessageSearchIndex index) {
        this.index = index;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kotak-search-index-commit");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::commit, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void commit() {
        try {
            index.commit();
        } catch (AlreadyClosedException e) {
            // The index closed first at a graceful stop: it committed while closing.
            executor.shutdown();
        } catch (IOException | RuntimeException e) {
            // A full disk or a closed writer at shutdown: log and try again next tick rather than die.
            LOGGER.warn("Could not commit the search index; will retry", e);
        }
    }

    @PreDestroy
    public void stop() {
        executor.shutdownNow();
    }
}
