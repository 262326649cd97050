package dev.kotak.retention.sweeper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.apache.james.user.api.UsersRepositoryException;

import dev.kotak.retention.metrics.RetentionMetrics;

/**
 * A sweep (or dry run) as a James task: {@code GET /tasks/{id}} shows its progress while it runs, and a
 * {@code DELETE /tasks/{id}} cancels it between two users.
 */
public class RetentionSweepTask implements Task {
    public static final TaskType TYPE = TaskType.of("kotak-retention-sweep");

    private final RetentionSweeper sweeper;
    private final RetentionMetrics metrics;
    private final SweepRequest request;
    private final SweepReport report = new SweepReport();

    public RetentionSweepTask(RetentionSweeper sweeper, RetentionMetrics metrics, SweepRequest request) {
        this.sweeper = sweeper;
        this.metrics = metrics;
        this.request = request;
    }

    @Override
    public Result run() {
        TimeMetric timer = request.dryRun() ? null : metrics.sweepTimer();
        try {
            return sweeper.sweep(request, report) ? Result.COMPLETED : Result.PARTIAL;
        } catch (UsersRepositoryException e) {
            LOGGER.warn("Retention sweep could not list users", e);
            return Result.PARTIAL;
        } finally {
            if (timer != null) {
                timer.stopAndPublish();
            }
        }
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    public SweepRequest request() {
        return request;
    }

    public SweepReport report() {
        return report;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        return Optional.of(new Details(Clock.systemUTC().instant(), request, report.usersProcessed(),
            report.usersFailed(), report.messagesExamined(), report.removedByRule(), report.heldByRule(),
            report.failedUsers()));
    }

    /** A snapshot of the report, as {@code /tasks/{id}} shows it. */
    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        private final Instant timestamp;
        private final SweepRequest request;
        private final long usersProcessed;
        private final long usersFailed;
        private final long messagesExamined;
        private final Map<String, Long> removedByRule;
        private final Map<String, Long> heldByRule;
        private final List<String> failedUsers;

        public Details(Instant timestamp, SweepRequest request, long usersProcessed, long usersFailed,
                       long messagesExamined, Map<String, Long> removedByRule, Map<String, Long> heldByRule,
                       List<String> failedUsers) {
            this.timestamp = timestamp;
            this.request = request;
            this.usersProcessed = usersProcessed;
            this.usersFailed = usersFailed;
            this.messagesExamined = messagesExamined;
            this.removedByRule = Map.copyOf(removedByRule);
            this.heldByRule = Map.copyOf(heldByRule);
            this.failedUsers = List.copyOf(failedUsers);
        }

        @Override
        public Instant timestamp() {
            return timestamp;
        }

        public SweepRequest request() {
            return request;
        }

        public long usersProcessed() {
            return usersProcessed;
        }

        public long usersFailed() {
            return usersFailed;
        }

        public long messagesExamined() {
            return messagesExamined;
        }

        public Map<String, Long> removedByRule() {
            return removedByRule;
        }

        public Map<String, Long> heldByRule() {
            return heldByRule;
        }

        public List<String> failedUsers() {
            return failedUsers;
        }
    }
}
