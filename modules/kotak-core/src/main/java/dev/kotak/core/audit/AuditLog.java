package dev.kotak.core.audit;

import java.util.List;

/**
 * The port every Kotak feature reports its actions to. Implementations must not throw for a well-formed
 * event: an action already done on the mail is not undone because its audit record could not be written.
 */
public interface AuditLog {
    void record(AuditEvent event);

    /**
     * The events of one operation (a POP3 {@code QUIT} reports one per message), in order. Sinks that pay per
     * write override it to write them at once.
     */
    default void recordAll(List<AuditEvent> events) {
        events.forEach(this::record);
    }
}
