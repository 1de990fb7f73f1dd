/**
 * The journal: the append-only record every feature writes to (injects fired with their ground
 * truth, messages, check results, findings, instructor actions, state changes), read per exercise
 * and team, streamed live and exported as JSON Lines for the after-action review. Each event
 * carries a hash chaining it to the one before it in its exercise ({@link
 * dev.enshu.orchestrator.journal.JournalChain}), so an export can be checked offline with {@code
 * enshu journal verify}.
 */
package dev.enshu.orchestrator.journal;
