/**
 * Ranges: the {@link dev.enshu.orchestrator.range.RangePlan} a template and scenario compile to for
 * one team, the {@code RangeProvider} SPI that makes plans real, provisioning, teardown and
 * reconciliation.
 */
package dev.enshu.orchestrator.range;
