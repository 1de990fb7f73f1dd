/**
 * The wiring of the range providers: turns the server's configuration into the engines' beans (the
 * Docker engine and its provider by default, libvirt's host pool and provider when enabled, the
 * in-memory provider for tests). It is the one server package that names the implementation
 * packages {@code range.docker}, {@code range.libvirt} and {@code range.memory}; the SPI package
 * {@code range} and every other feature see only {@link
 * dev.enshu.orchestrator.range.RangeProvider}, so the SPI does not import what implements it.
 */
package dev.enshu.orchestrator.range.engines;
