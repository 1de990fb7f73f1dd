/**
 * Scenarios: the attack timeline, messages, objectives, checks, hints and report of an exercise.
 */
package dev.enshu.scenario;
