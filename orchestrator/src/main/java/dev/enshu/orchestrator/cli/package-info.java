/** The {@code enshu} command line: lint, plan, images, run, demo, bench. */
package dev.enshu.orchestrator.cli;
