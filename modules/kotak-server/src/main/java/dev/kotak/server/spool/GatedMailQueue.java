package dev.kotak.server.spool;

import java.io.IOException;
import java.time.Duration;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
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
        // Subscribing to the broker only once the gate is open: no message is taken off the queue before.
        // The JMS queue receives with blocking calls, and without subscribeOn the subscription would run on
        // whichever thread opens the gate (the main thread at start-up) and never give it back.
        return gate.whenOpen()
            .thenMany(Flux.defer(delegate::deQueue).subscribeOn(Schedulers.boundedElastic()));
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
