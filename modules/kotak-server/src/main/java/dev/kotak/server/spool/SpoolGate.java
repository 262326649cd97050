package dev.kotak.server.spool;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

/**
 * Holds mail in the queues until the server is fully started.
 *
 * <p>James starts its spooler as one initialization step among many, in no guaranteed order; the mailbox
 * event listeners (quota usage, the search index) are registered by another. Mail waiting in the spool at
 * start (after a crash or a restart with a backlog) was therefore delivered before anything listened: not
 * counted by the quota, not searchable. The queues' consumers wait on this gate, which opens after every
 * initialization step has run and crash recovery is done.
 */
public class SpoolGate {
    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    public void open() {
        opened.complete(null);
    }

    public boolean isOpen() {
        return opened.isDone();
    }

    /** Completes when the gate opens; at once if it is open already. */
    public Mono<Void> whenOpen() {
        return Mono.fromFuture(opened);
    }
}
