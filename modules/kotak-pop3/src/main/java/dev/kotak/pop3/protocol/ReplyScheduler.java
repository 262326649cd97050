package dev.kotak.pop3.protocol;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Singleton;

/**
 * The timer of delayed replies, shared by every listener: two daemon threads, so that thousands of damped
 * logins cost a queue entry each instead of a blocked James worker thread.
 */
@Singleton
public class ReplyScheduler {
    private final ScheduledExecutorService executor;

    public ReplyScheduler() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kotak-pop3-delayed-reply-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void schedule(Runnable task, Duration delay) {
        executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
}
