/**
 * A range provider that keeps ranges in memory, for tests and benchmarks only ({@code enshu bench
 * timeline}, {@code enshu bench api}): its hosts run nothing. The server offers it only when {@code
 * enshu.providers.memory=true}; it is never the product's default.
 */
package dev.enshu.orchestrator.range.memory;
