/** The audit event model and the {@link dev.kotak.core.audit.AuditLog} port that adapters report to. */
package dev.kotak.core.audit;
