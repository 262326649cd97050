/**
 * Loading Kotak's XML configuration files with XSD validation, and reporting every problem as
 * {@code file:line:col: what was wrong; expected what}, with the column on the {@code <} of the offending
 * element (or on the offending attribute), in plain English and without Xerces's {@code cvc-} codes.
 *
 * <p>Entry point: {@link dev.kotak.core.config.XmlConfigLoader}. Elements of a loaded document carry their
 * source position, readable with {@link dev.kotak.core.config.ConfigLocation#of(org.w3c.dom.Element)}, so that
 * later semantic checks report in the same format.
 */
package dev.kotak.core.config;
