/**
 * Scoring: findings matched against the team's own ground truth, response and service points from
 * check results, hints, graded reports, and the scoreboard. Scores are computed from the journal
 * alone, so recomputing gives the same scoreboard and every point names the event behind it.
 */
package dev.enshu.orchestrator.scoring;
