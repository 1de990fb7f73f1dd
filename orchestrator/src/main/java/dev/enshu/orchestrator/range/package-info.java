/**
 * Ranges: the {@link dev.enshu.orchestrator.range.RangePlan} a template and scenario compile to for
 * one team, the {@code RangeProvider} SPI that makes plans real, provisioning, teardown and
 * reconciliation.
 *
 * <p>This package is the SPI and what all providers share; it imports none of its implementations
 * ({@code range.docker}, {@code range.libvirt}, {@code range.memory}), which {@code range.engines}
 * wires. A host's console is part of the SPI: {@link dev.enshu.orchestrator.range.ConsoleEndpoint}
 * is a terminal (carrying the provider's {@link dev.enshu.orchestrator.range.TerminalTransport}) or
 * a VNC display, so the console gateway needs no provider's classes.
 */
package dev.enshu.orchestrator.range;
