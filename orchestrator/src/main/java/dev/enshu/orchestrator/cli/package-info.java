/** The {@code enshu} command line: lint, plan, images, run, demo, serve, users, journal, bench. */
package dev.enshu.orchestrator.cli;
