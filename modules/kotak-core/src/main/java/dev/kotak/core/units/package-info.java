/**
 * Durations and sizes written the way Apache James operators already write them ({@code 30d}, {@code 12h},
 * {@code 500M}), parsed strictly and with messages that say what was given and what is expected, so that a
 * caller can put them after a {@code file:line:col:} prefix unchanged.
 */
package dev.kotak.core.units;
