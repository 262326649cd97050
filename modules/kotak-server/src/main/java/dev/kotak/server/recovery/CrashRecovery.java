package dev.kotak.server.recovery;

import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.mailbox.indexer.ReIndexer;
import org.apache.james.mailbox.quota.task.RecomputeCurrentQuotasService;
import org.apache.james.mailbox.quota.task.RecomputeCurrentQuotasTask;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskId;
import org.apache.james.task.TaskManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs what an unclean stop can leave behind, before any mail leaves the spool.
 *
 * <p>A message is stored in the database first; its quota usage and its search-index entry are written
 * afterwards by mailbox listeners, and the index is committed to disk only every second. A crash between these
 * steps leaves mail that is stored but not counted or not searchable. After such a stop we rebuild the search
 * index and recompute every user's quota usage, as an operator would with WebAdmin's
 * {@code POST /mailboxes?task=reIndex} and {@code POST /quota/users?task=RecomputeCurrentQuotas}. Both run as
 * ordinary James tasks, so they show under {@code /tasks}, and both are idempotent: a crash during recovery
 * simply means it runs again at the next start.
 */
public class CrashRecovery {
    private static final Logger LOGGER = LoggerFactory.getLogger(CrashRecovery.class);
    /** Recovery is not throttled like operator tasks: nothing else runs until it is done. */
    private static final int MESSAGES_PER_SECOND = 100_000;
    private static final int USERS_PER_SECOND = 10_000;
    private static final Duration NO_LIMIT = Duration.ofDays(1);

    private final TaskManager taskManager;
    private final ReIndexer reIndexer;
    private final RecomputeCurrentQuotasService quotaRecomputation;

    @Inject
    CrashRecovery(TaskManager taskManager, ReIndexer reIndexer, RecomputeCurrentQuotasService quotaRecomputation) {
        this.taskManager = taskManager;
        this.reIndexer = reIndexer;
        this.quotaRecomputation = quotaRecomputation;
    }

    public void recover() throws Exception {
        LOGGER.warn("The previous run did not stop gracefully: rebuilding the search index and recomputing quota usage "
            + "before delivering queued mail");
        run(reIndexer.reIndex(ReIndexer.RunningOptions.builder()
            .messagesPerSeconds(Optional.of(MESSAGES_PER_SECOND))
            .mode(ReIndexer.RunningOptions.Mode.REBUILD_ALL)
            .build()));
        run(new RecomputeCurrentQuotasTask(quotaRecomputation,
            RecomputeCurrentQuotasService.RunningOptions.withUsersPerSecond(USERS_PER_SECOND)));
        LOGGER.info("Recovery after an unclean stop is complete");
    }

    private void run(Task task) throws Exception {
        TaskId id = taskManager.submit(task);
        TaskExecutionDetails details = taskManager.await(id, NO_LIMIT);
        if (details.getStatus() != TaskManager.Status.COMPLETED) {
            // Partial results still leave the server usable; the operator can re-run the task from WebAdmin.
            LOGGER.error("Recovery task {} ({}) ended {}; see GET /tasks/{}", task.type().asString(), id.asString(),
                details.getStatus().getValue(), id.asString());
        } else {
            LOGGER.info("Recovery task {} ({}) completed", task.type().asString(), id.asString());
        }
    }
}
