package dev.kotak.retention.sweeper;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.task.TaskManager;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.core.retention.config.RetentionConfig;
import dev.kotak.core.retention.config.SweeperSettings;
import dev.kotak.retention.metrics.RetentionMetrics;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Submits a sweep of everyone every {@code <sweeper interval>} as a James task
 * ({@code guice.extension.startable=dev.kotak.retention.sweeper.RetentionScheduler}). The first run comes one
 * interval after start, not at start: crash recovery and the spool come first. A tick while the previous sweep
 * still waits or runs submits nothing, so slow sweeps never pile up.
 */
@Singleton
public class RetentionScheduler implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionScheduler.class);

    private final RetentionConfig config;
    private final TaskManager taskManager;
    private final RetentionSweeper sweeper;
    private final RetentionMetrics metrics;
    private Disposable ticks;
    private Scheduler thread;

    @Inject
    public RetentionScheduler(RetentionConfig config, TaskManager taskManager, RetentionSweeper sweeper,
                              RetentionMetrics metrics) {
        this.config = config;
        this.taskManager = taskManager;
        this.sweeper = sweeper;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        SweeperSettings settings = config.sweeper();
        if (!settings.enabled()) {
            LOGGER.info("Retention sweeper disabled in retention.xml; sweeps run only on demand (WebAdmin)");
            return;
        }
        Duration interval = settings.interval();
        // A daemon thread: James does not stop extension startables, and this one must not hold the JVM up.
        thread = Schedulers.newSingle("kotak-retention-scheduler", true);
        ticks = Flux.interval(interval, interval, thread).subscribe(tick -> submit(settings.usersPerSecond()));
        LOGGER.info("Retention sweeper runs every {} at {} users per second", interval, settings.usersPerSecond());
    }

    private void submit(int usersPerSecond) {
        try {
            // Only unfinished tasks are listed: the task manager keeps every finished one too.
            boolean busy = Stream.of(TaskManager.Status.WAITING, TaskManager.Status.IN_PROGRESS)
                .flatMap(status -> taskManager.list(status).stream())
                .anyMatch(task -> RetentionSweepTask.TYPE.equals(task.getType()));
            if (busy) {
                LOGGER.info("Previous retention sweep still pending or running; this tick submits nothing");
                return;
            }
            taskManager.submit(new RetentionSweepTask(sweeper, metrics,
                new SweepRequest(SweepScope.ALL, Optional.empty(), false, usersPerSecond)));
        } catch (RuntimeException e) {
            LOGGER.warn("Unable to submit the scheduled retention sweep", e);
        }
    }

    /** Stops the ticks (tests; the server's JVM exit ends the daemon thread otherwise). */
    public synchronized void stop() {
        if (ticks != null) {
            ticks.dispose();
            thread.dispose();
        }
    }
}
