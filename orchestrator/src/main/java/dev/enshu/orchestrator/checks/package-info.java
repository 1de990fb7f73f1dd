/**
 * Response and service checks: commands from the scenario run on range hosts on a schedule; each
 * result, pass, fail or could-not-run, goes to the journal, where the timeline's conditions and the
 * scoring read it.
 */
package dev.enshu.orchestrator.checks;
