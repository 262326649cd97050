package dev.kotak.server.spool;

import java.io.IOException;
import java.time.Duration;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** A mail queue whose consumers receive nothing before {@link SpoolGate} opens. */
class GatedMailQueue implements MailQueue {
    private final MailQueue delegate;
    private final SpoolGate gate;

    GatedMailQueue(MailQueue delegate, SpoolGate gate) {
        this.delegate = delegate;
        this.gate = gate;
    }

    @Override
    public MailQueueName getName() {
        return delegate.getName();
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        delegate.enQueue(mail, delay);
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        delegate.enQueue(mail);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return delegate.enqueueReactive(mail);
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        // Nothing is taken off the queue before the gate opens. The JMS queue receives with blocking calls, so the
        // receive loop needs a thread of its own, as James's spooler gives it: without subscribeOn it would run on
        // whichever thread opens the gate (the main thread at start-up) and keep it; on the shared boundedElastic
        // pool it would sit on a worker to which Reactor keeps assigning other tasks (a mailbox append, say), which
        // then never run once the pool is at its cap (found by the kill -9 end-to-end test: a delivery hung).
        return Flux.using(
            () -> Schedulers.newSingle("dequeue-" + delegate.getName().asString(), true),
            receiver -> gate.whenOpen().thenMany(Flux.defer(delegate::deQueue).subscribeOn(receiver)),
            Scheduler::dispose);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
