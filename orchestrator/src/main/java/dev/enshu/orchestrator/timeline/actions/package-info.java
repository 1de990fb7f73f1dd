/**
 * The library of attack actions: one {@link dev.enshu.orchestrator.timeline.actions.ActionHandler}
 * per kind of {@link dev.enshu.scenario.Action}, found by the action's type, each binding the
 * action's fields (with the team's variables) to its shell program from {@code /actions/*.sh} and
 * running it on the right host. The timeline's runner owns what is common: the engine's health and
 * what goes to the journal.
 */
package dev.enshu.orchestrator.timeline.actions;
