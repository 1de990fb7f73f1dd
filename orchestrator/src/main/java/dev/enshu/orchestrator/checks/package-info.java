/**
 * Response and service checks: observations the engine makes of range hosts from outside them
 * (their processes, their files), or commands from the scenario run inside them, on a schedule;
 * each result, pass, fail or could-not-run, goes to the journal, where the timeline's conditions
 * and the scoring read it.
 */
package dev.enshu.orchestrator.checks;
