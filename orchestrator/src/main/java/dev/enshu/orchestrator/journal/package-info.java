/**
 * The journal: the append-only record every feature writes to (injects fired with their ground
 * truth, messages, check results, findings, instructor actions, state changes), read per exercise
 * and team, streamed live and exported as JSON Lines for the after-action review.
 */
package dev.enshu.orchestrator.journal;
