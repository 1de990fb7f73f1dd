/**
 * Exercises: a scenario run for teams at venues in a delivery mode, the lifecycle of the exercise
 * and of each team's range, and what instructors do to them. State changes are journalled.
 *
 * <p>Exercise depends on access (its controllers ask it) and answers access's {@code Memberships}
 * question from the stored exercises ({@link dev.enshu.orchestrator.exercise.ExerciseMemberships}),
 * so that access never imports exercise.
 */
package dev.enshu.orchestrator.exercise;
