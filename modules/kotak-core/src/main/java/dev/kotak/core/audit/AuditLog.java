package dev.kotak.core.audit;

/**
 * The port every Kotak feature reports its actions to. Implementations must not throw for a well-formed
 * event: an action already done on the mail is not undone because its audit record could not be written.
 */
public interface AuditLog {
    void record(AuditEvent event);
}
