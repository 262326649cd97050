package dev.kotak.server.spool;

import java.util.Optional;
import java.util.Set;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;

/** Hands out the real queues wrapped in {@link GatedMailQueue}: enqueueing works at once, dequeueing waits. */
class GatedMailQueueFactory implements MailQueueFactory<MailQueue> {
    private final MailQueueFactory<? extends MailQueue> delegate;
    private final SpoolGate gate;

    GatedMailQueueFactory(MailQueueFactory<? extends MailQueue> delegate, SpoolGate gate) {
        this.delegate = delegate;
        this.gate = gate;
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return delegate.getQueue(name, count).map(this::gated);
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return gated(delegate.createQueue(name, count));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return delegate.listCreatedMailQueues();
    }

    private MailQueue gated(MailQueue queue) {
        return new GatedMailQueue(queue, gate);
    }
}
