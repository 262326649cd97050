package dev.kotak.server;

import javax.inject.Inject;

import org.apache.james.utils.GuiceProbe;

import dev.kotak.server.recovery.CrashRecovery;
import dev.kotak.server.search.SearchIndexCommitter;
import dev.kotak.server.spool.SpoolGate;

/** The start-up steps that must follow James's own initialisation, reached through James's probe mechanism. */
public class LifecycleProbe implements GuiceProbe {
    private final CrashRecovery recovery;
    private final SpoolGate spoolGate;
    private final SearchIndexCommitter searchIndexCommitter;

    @Inject
    LifecycleProbe(CrashRecovery recovery, SpoolGate spoolGate, SearchIndexCommitter searchIndexCommitter) {
        this.recovery = recovery;
        this.spoolGate = spoolGate;
        this.searchIndexCommitter = searchIndexCommitter;
    }

    void recoverFromUncleanStop() throws Exception {
        recovery.recover();
    }

    void openSpool() {
        spoolGate.open();
    }

    public boolean isSpoolOpen() {
        return spoolGate.isOpen();
    }

    /** Makes everything indexed so far durable now; tests use it instead of waiting for the next tick. */
    public void commitSearchIndex() {
        searchIndexCommitter.commit();
    }
}
