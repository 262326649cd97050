/**
 * Retention policy semantics, with no James types: resolved {@link dev.kotak.core.retention.Policy policies},
 * the expiry {@link dev.kotak.core.retention.RetentionRules rules}, what a POP3 QUIT
 * {@link dev.kotak.core.retention.CommitPlan commits}, and the truthful RFC 2449
 * {@link dev.kotak.core.retention.ExpireCapability EXPIRE} value. Time always comes from the caller.
 */
package dev.kotak.core.retention;
