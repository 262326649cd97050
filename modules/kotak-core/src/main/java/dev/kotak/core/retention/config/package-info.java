/**
 * {@code conf/retention.xml}: its schema, its reader and the resolved configuration. Entry point:
 * {@link dev.kotak.core.retention.config.RetentionConfigReader#read}, which validates the file against
 * {@code retention.xsd}, applies {@code extends}, checks what a schema cannot (names that refer to nothing,
 * cycles, duplicates, folders, devices, EXPIRE promises) and reports every problem as
 * {@code retention.xml:line:col: what; expected what}. The result,
 * {@link dev.kotak.core.retention.config.RetentionConfig}, tells each user's
 * {@link dev.kotak.core.retention.config.EffectivePolicy effective policy} and why.
 */
package dev.kotak.core.retention.config;
