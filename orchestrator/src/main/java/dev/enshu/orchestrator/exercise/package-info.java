/**
 * Exercises: a scenario run for teams at venues in a delivery mode, the lifecycle of the exercise
 * and of each team's range, and what instructors do to them. State changes are journalled.
 */
package dev.enshu.orchestrator.exercise;
